import "server-only";
import { jstDateString } from "@/lib/jst";
import { toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { feeInForce } from "../fees/fee-in-force";
import { loadIssuanceSettings } from "../municipal-settings/issuance-settings-in-force";
import type { CardCertificate, Household, Municipality, Resident } from "../generated/prisma/client";
import { checkCertificateAvailability } from "../service-calendar/check-availability";
import { loadCalendar } from "../service-calendar/load-calendar";
import type { EligibilityFacts, KosekiFacts, KosekiRegisterKind, PersonFacts, TypeFacts } from "./facts";
import { memberProtection, residentProtection } from "./protection";
import { offeredFiscalYears } from "./tax-years";
import { isKosekiType } from "@/lib/certificate-types";
import { hasOfficialSealOn } from "../db/read-image";

export type EligibilityRequest = {
  card: { issuer: string; serial: string };
  municipalityCode: string;
  purpose: "residence" | "honseki";
  types: readonly CertificateTypeId[];
  now: Date;
  /**
   * Inside the issuing transaction: lock the card, the household's residents and the seal registrations
   * FOR SHARE, so a status change (death, move-out, support measure, seal abolished) either commits before
   * this read and is seen, or waits until this issuance has committed. Writers that change eligibility
   * always update the Resident row (docs/import-formats.md), so they queue behind the lock.
   */
  lock: boolean;
  /** An API client confined to one municipality may not ask about another. */
  clientMunicipalityId: string | null;
  /** Issuance only: the 年度 or register kind asked for. */
  request?: { fiscalYear?: number; register?: KosekiRegisterKind };
};

/** A municipality row as the eligibility gate reads it: everything but the 公印 image bytes. */
export type MunicipalityRow = Omit<Municipality, "sealImage">;

export type LoadedSubject = {
  municipality: MunicipalityRow;
  card: CardCertificate;
  /** The cardholder on the register of their residence municipality (null only if the data is inconsistent). */
  cardholder: (Resident & { household: Household }) | null;
  /** The cardholder as a resident of the target municipality (住所地 services); null when they live elsewhere. */
  requester: (Resident & { household: Household }) | null;
  /** The requester's household on the register, requester included, in register order. */
  household: Resident[];
};

export type LoadedFacts = { facts: EligibilityFacts; subject: LoadedSubject } | { facts: null; refusal: "card_unknown"; municipality: MunicipalityRow };

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const codePoints = (s: string | null | undefined) => (s ? Array.from(s).length : 0);

export async function loadEligibilityFacts(tx: Tx, req: EligibilityRequest): Promise<LoadedFacts> {
  // Without the 公印 bytes (read through the driver adapter they cost ≈ 1.5 ms of CPU): the issuance reads them
  // as base64 when it draws the certificate (server/db/read-image.ts).
  const municipality = await tx.municipality.findUnique({ where: { code: req.municipalityCode }, omit: { sealImage: true } });
  if (!municipality) throw new AppError("municipality_unknown", "no municipality with this code is served here");
  if (req.clientMunicipalityId && req.clientMunicipalityId !== municipality.id) {
    throw new AppError("client_not_allowed", "this API client may not serve this municipality");
  }

  let card = await tx.cardCertificate.findUnique({ where: { issuer_serial: { issuer: req.card.issuer, serial: req.card.serial } } });
  if (!card) return { facts: null, refusal: "card_unknown", municipality };

  if (req.lock) {
    // Fair queueing with imports (docs/decisions/0005): an import takes "eligibility:<municipality>"
    // exclusively while it locks its rows, so new issuances wait behind it instead of starving it.
    for (const id of [...new Set([card.municipalityId, municipality.id])].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${`eligibility:${id}`}, 0))`;
    }
    await tx.$queryRaw`SELECT 1 FROM "CardCertificate" WHERE id = ${card.id}::uuid FOR SHARE`;
    const holder = await tx.resident.findUnique({ where: { id: card.residentId }, select: { householdId: true } });
    if (holder) await tx.$queryRaw`SELECT 1 FROM "Resident" WHERE "householdId" = ${holder.householdId}::uuid ORDER BY id FOR SHARE`;
    await tx.$queryRaw`SELECT 1 FROM "SealRegistration" WHERE "residentId" = ${card.residentId}::uuid ORDER BY id FOR SHARE`;
    // Re-read after the locks: READ COMMITTED gives each statement the latest committed data.
    card = await tx.cardCertificate.findUniqueOrThrow({ where: { id: card.id } });
  }
  const cardholder = await tx.resident.findUnique({ where: { id: card.residentId }, include: { household: true } });
  const residentHere = card.municipalityId === municipality.id;
  const requester = residentHere ? cardholder : null;
  const household: Resident[] = cardholder
    ? await tx.resident.findMany({
        where: { householdId: cardholder.householdId },
        orderBy: [{ isHouseholdHead: "desc" }, { dateOfBirth: "asc" }, { id: "asc" }],
      })
    : [];

  const today = jstDateString(req.now);
  // The household (any status: a protected member who moved out is still on its register) and the cardholder.
  const protection = await residentProtection(tx, household.map((r) => r.id), today);
  const hasActiveSealRegistration = requester
    ? (await tx.sealRegistration.count({ where: { residentId: requester.id, status: "active" } })) > 0
    : false;
  const taxRecords = requester
    ? await tx.taxRecord.findMany({ where: { residentId: requester.id, municipalityId: municipality.id }, select: { fiscalYear: true, residentOnJan1: true } })
    : [];
  const koseki = req.types.some(isKosekiType) && cardholder ? await loadKosekiFacts(tx, { municipality, card, cardholder, register: req.request?.register ?? "current", lock: req.lock, today }) : null;

  const person = (r: Resident): PersonFacts => ({
    residentId: r.id,
    status: r.status,
    dateOfBirth: ymd(r.dateOfBirth)!,
    moveOutPlannedOn: ymd(r.moveOutPlannedOn),
    supportMeasure: protection.protectedIds.has(r.id),
    issuanceBlocked: protection.blockedIds.has(r.id),
    gaijiPending: r.gaijiPending,
    adultWard: r.adultWard,
    becameResidentOn: ymd(r.becameResidentOn)!,
    addressSetOn: ymd(r.addressSetOn)!,
    nameLength: Math.max(codePoints(r.familyName) + codePoints(r.givenName), codePoints(r.alias)),
    addressLength: codePoints(cardholder?.household.address),
  });

  const dbTypes = req.types.map(toDbCertificateType);
  const [offerings, fees, calendar, settings] = await Promise.all([
    tx.certificateOffering.findMany({ where: { municipalityId: municipality.id, certificateType: { in: dbTypes } } }),
    tx.fee.findMany({ where: { municipalityId: municipality.id, certificateType: { in: dbTypes }, effectiveFrom: { lte: req.now } } }),
    loadCalendar(tx, municipality.id, req.now, municipality),
    loadIssuanceSettings(tx, municipality, req.now),
  ]);
  const types: Partial<Record<CertificateTypeId, TypeFacts>> = {};
  for (const type of req.types) {
    const db = toDbCertificateType(type);
    const offering = offerings.find((o) => o.certificateType === db);
    types[type] = {
      offering: offering
        ? { enabled: offering.enabled, copyLimit: offering.copyLimit, allowMyNumber: offering.allowMyNumber, allowJoseki: offering.allowJoseki, allowKaiseiGenkoseki: offering.allowKaiseiGenkoseki }
        : null,
      availability: checkCertificateAvailability(calendar, type, req.now),
      fee: feeInForce(fees.filter((f) => f.certificateType === db), req.now),
    };
  }

  const facts: EligibilityFacts = {
    now: req.now,
    today,
    purpose: req.purpose,
    policy: {
      status: municipality.status,
      // The settings in force at `now` (a change scheduled on the settings screen applies from its day).
      usableFromNextDay: settings.usableFromNextDay,
      nameMaxLength: settings.nameMaxLength,
      nameMaxLines: settings.nameMaxLines,
      addressMaxLength: settings.addressMaxLength,
      addressMaxLines: settings.addressMaxLines,
      excludeAdultWards: settings.excludeAdultWards,
      // A 公印 in force today (docs/decisions/0015). The Municipality columns are written only with a seal in
      // force, and a seal is never removed, so a set column answers without a query (the usual case); the
      // renderer refuses a certificate whose image bytes are missing all the same (MissingOfficialSealError).
      hasOfficialSeal: municipality.sealImageMime !== null || (await hasOfficialSealOn(tx, municipality.id, today)),
    },
    card: {
      status: card.status,
      validFrom: card.validFrom,
      validUntil: card.validUntil,
      cardIssuedOn: ymd(card.cardIssuedOn)!,
      pinChangedOn: ymd(card.pinChangedOn),
    },
    // 本籍地 services judge the cardholder as the person (support measure, death, age …) wherever they live.
    requester: requester ? person(requester) : req.purpose === "honseki" && cardholder ? person(cardholder) : null,
    householdOthers: requester ? household.filter((r) => r.id !== requester.id).map(person) : [],
    hasActiveSealRegistration,
    tax: { offeredYears: offeredFiscalYears(municipality.taxYearSwitchDate, municipality.taxYearsOffered, today), records: taxRecords },
    koseki,
    request: { ...req.request },
    types,
  };
  return { facts, subject: { municipality, card, cardholder, requester, household: requester ? household : [] } };
}

/**
 * Locates the cardholder's 戸籍 at the 本籍地 municipality. A resident of that municipality is found through
 * the register link (KosekiMember.residentId); anyone else through an approved 利用登録 bound to this very
 * card certificate. A registration bound to an earlier certificate of the same person (renewed or replaced
 * card) needs re-registration: it never silently matches the new card.
 */
async function loadKosekiFacts(
  tx: Tx,
  a: { municipality: MunicipalityRow; card: CardCertificate; cardholder: Resident; register: KosekiRegisterKind; lock: boolean; today: string },
): Promise<KosekiFacts> {
  let memberId: string | null = null;
  if (a.card.municipalityId === a.municipality.id) {
    const m = await tx.kosekiMember.findFirst({
      where: { municipalityId: a.municipality.id, residentId: a.cardholder.id, removed: false, kosekiRecord: { kind: "current" } },
      select: { id: true },
    });
    if (!m) return { status: "record_not_found" };
    memberId = m.id;
  } else {
    const cards = await tx.cardCertificate.findMany({ where: { residentId: a.cardholder.id }, select: { issuer: true, serial: true } });
    const registrations = await tx.kosekiRegistration.findMany({
      where: { municipalityId: a.municipality.id, OR: cards.map((c) => ({ cardIssuer: c.issuer, cardSerial: c.serial })) },
      orderBy: { createdAt: "desc" },
    });
    if (a.lock && registrations.length) {
      await tx.$queryRaw`SELECT 1 FROM "KosekiRegistration" WHERE id = ANY(${registrations.map((r) => r.id)}::uuid[]) FOR SHARE`;
    }
    const own = registrations.find((r) => r.cardIssuer === a.card.issuer && r.cardSerial === a.card.serial && r.status !== "withdrawn");
    if (!own) {
      return registrations.some((r) => r.status === "approved" || r.status === "reregistration_needed") ? { status: "registration_renewal_needed" } : { status: "registration_missing" };
    }
    if (own.status === "pending") return { status: "registration_pending" };
    if (own.status === "rejected") return { status: "registration_rejected" };
    if (own.status === "reregistration_needed") return { status: "registration_renewal_needed" };
    if (!own.kosekiMemberId) return { status: "record_not_found" };
    memberId = own.kosekiMemberId;
  }
  const member = await tx.kosekiMember.findUniqueOrThrow({ where: { id: memberId }, include: { kosekiRecord: true } });
  let record = member.kosekiRecord;
  let located = member;
  if (a.register !== "current") {
    // The same person in a closed register (除籍 / 改製原戸籍) of this municipality, found only by the register's
    // identity: the chain of previous entries (従前の記録: register number + 順位) the 戸籍 feed gives, never by
    // name and date of birth, which two people can share.
    const older = await closedRegisterEntry(tx, a.municipality.id, member, a.register);
    if (!older) return { status: "record_not_found" };
    record = older.kosekiRecord;
    located = older;
  }
  if (a.lock) await tx.$queryRaw`SELECT 1 FROM "KosekiRecord" WHERE id = ${record.id}::uuid FOR SHARE`;
  const fresh = await tx.kosekiRecord.findUniqueOrThrow({ where: { id: record.id }, select: { pendingFiling: true, kind: true } });
  const protectedMembers = await memberProtection(tx, record.id, a.today, a.lock);
  return {
    status: "found",
    recordId: record.id,
    memberId: located.id,
    kind: fresh.kind,
    pendingFiling: fresh.pendingFiling,
    memberSupportMeasure: protectedMembers.has(located.id),
    supportMeasureInRecord: protectedMembers.size > 0,
  };
}

/** Longest chain of previous entries followed; real chains are a few registers long. */
const MAX_PRIOR_HOPS = 16;

/** The entry of the same person in a closed register of `kind`, following 従前の記録 from `from`. */
async function closedRegisterEntry(tx: Tx, municipalityId: string, from: { priorRecordNo: string | null; priorPosition: number | null }, kind: KosekiRegisterKind) {
  let at = from;
  for (let hop = 0; hop < MAX_PRIOR_HOPS && at.priorRecordNo !== null && at.priorPosition !== null; hop++) {
    const prior = await tx.kosekiMember.findFirst({
      where: { municipalityId, position: at.priorPosition, kosekiRecord: { municipalityId, recordNo: at.priorRecordNo } },
      include: { kosekiRecord: true },
    });
    if (!prior) return null;
    if (prior.kosekiRecord.kind === kind) return prior;
    at = prior;
  }
  return null;
}
