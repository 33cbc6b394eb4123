import "server-only";
import { jstDateString } from "@/lib/wareki";
import { toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { feeInForce } from "../fees/fee-in-force";
import type { CardCertificate, Household, Municipality, Resident } from "../generated/prisma/client";
import { checkCertificateAvailability } from "../service-calendar/check-availability";
import { loadCalendar } from "../service-calendar/load-calendar";
import type { EligibilityFacts, PersonFacts, TypeFacts } from "./facts";

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
};

export type LoadedSubject = {
  municipality: Municipality;
  card: CardCertificate;
  requester: (Resident & { household: Household }) | null;
  /** The requester's household on the register, requester included, in register order. */
  household: Resident[];
};

export type LoadedFacts = { facts: EligibilityFacts; subject: LoadedSubject } | { facts: null; refusal: "card_unknown"; municipality: Municipality };

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const codePoints = (s: string | null | undefined) => (s ? Array.from(s).length : 0);

export async function loadEligibilityFacts(tx: Tx, req: EligibilityRequest): Promise<LoadedFacts> {
  const municipality = await tx.municipality.findUnique({ where: { code: req.municipalityCode } });
  if (!municipality) throw new AppError("municipality_unknown", "no municipality with this code is served here", { status: 404 });
  if (req.clientMunicipalityId && req.clientMunicipalityId !== municipality.id) {
    throw new AppError("client_not_allowed", "this API client may not serve this municipality", { status: 403 });
  }

  let card = await tx.cardCertificate.findUnique({ where: { issuer_serial: { issuer: req.card.issuer, serial: req.card.serial } } });
  if (!card) return { facts: null, refusal: "card_unknown", municipality };

  let requester: (Resident & { household: Household }) | null = null;
  let household: Resident[] = [];
  if (card.municipalityId === municipality.id) {
    if (req.lock) {
      await tx.$queryRaw`SELECT 1 FROM "CardCertificate" WHERE id = ${card.id}::uuid FOR SHARE`;
      const resident = await tx.resident.findUniqueOrThrow({ where: { id: card.residentId }, select: { householdId: true } });
      await tx.$queryRaw`SELECT 1 FROM "Resident" WHERE "householdId" = ${resident.householdId}::uuid ORDER BY id FOR SHARE`;
      await tx.$queryRaw`SELECT 1 FROM "SealRegistration" WHERE "residentId" = ${card.residentId}::uuid ORDER BY id FOR SHARE`;
      // Re-read after the locks: READ COMMITTED gives each statement the latest committed data.
      card = await tx.cardCertificate.findUniqueOrThrow({ where: { id: card.id } });
    }
    requester = await tx.resident.findUnique({ where: { id: card.residentId }, include: { household: true } });
    if (requester) {
      household = await tx.resident.findMany({
        where: { householdId: requester.householdId },
        orderBy: [{ isHouseholdHead: "desc" }, { dateOfBirth: "asc" }, { id: "asc" }],
      });
    }
  }

  const today = jstDateString(req.now);
  const supportIds = new Set(
    household.length
      ? (
          await tx.supportMeasure.findMany({
            where: {
              residentId: { in: household.map((r) => r.id) },
              startsOn: { lte: new Date(today) },
              OR: [{ endsOn: null }, { endsOn: { gte: new Date(today) } }],
            },
            select: { residentId: true },
          })
        ).map((s) => s.residentId)
      : [],
  );
  const hasActiveSealRegistration = requester
    ? (await tx.sealRegistration.count({ where: { residentId: requester.id, status: "active" } })) > 0
    : false;

  const person = (r: Resident): PersonFacts => ({
    residentId: r.id,
    status: r.status,
    dateOfBirth: ymd(r.dateOfBirth)!,
    moveOutPlannedOn: ymd(r.moveOutPlannedOn),
    supportMeasure: supportIds.has(r.id),
    gaijiPending: r.gaijiPending,
    adultWard: r.adultWard,
    becameResidentOn: ymd(r.becameResidentOn)!,
    addressSetOn: ymd(r.addressSetOn)!,
    nameLength: Math.max(codePoints(r.familyName) + codePoints(r.givenName), codePoints(r.alias)),
    addressLength: codePoints(requester?.household.address),
  });

  const dbTypes = req.types.map(toDbCertificateType);
  const [offerings, fees, calendar] = await Promise.all([
    tx.certificateOffering.findMany({ where: { municipalityId: municipality.id, certificateType: { in: dbTypes } } }),
    tx.fee.findMany({ where: { municipalityId: municipality.id, certificateType: { in: dbTypes }, effectiveFrom: { lte: req.now } } }),
    loadCalendar(tx, municipality.id, req.now),
  ]);
  const types: Partial<Record<CertificateTypeId, TypeFacts>> = {};
  for (const type of req.types) {
    const db = toDbCertificateType(type);
    const offering = offerings.find((o) => o.certificateType === db);
    types[type] = {
      offering: offering ? { enabled: offering.enabled, copyLimit: offering.copyLimit, allowMyNumber: offering.allowMyNumber } : null,
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
      usableFromNextDay: municipality.usableFromNextDay,
      nameMaxLength: municipality.nameMaxLength,
      addressMaxLength: municipality.addressMaxLength,
      excludeAdultWards: municipality.excludeAdultWards,
    },
    card: {
      status: card.status,
      validFrom: card.validFrom,
      validUntil: card.validUntil,
      cardIssuedOn: ymd(card.cardIssuedOn)!,
      pinChangedOn: ymd(card.pinChangedOn),
    },
    requester: requester ? person(requester) : null,
    householdOthers: household.filter((r) => r.id !== requester?.id).map(person),
    hasActiveSealRegistration,
    types,
  };
  return { facts, subject: { municipality, card, requester, household } };
}
