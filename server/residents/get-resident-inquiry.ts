import "server-only";
import { fromDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { jstDateString } from "@/lib/jst";
import { can } from "@/lib/permissions";
import type { IssuanceBlockReasonId } from "@/lib/schemas/issuance-block";
import type { IssuanceStatusName } from "@/lib/schemas/logs";
import type { RegistrationStatusName } from "@/lib/schemas/koseki-registration";
import { ZResidentRef, type CardStateName, type ResidentStatusName } from "@/lib/schemas/resident-inquiry";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";

/** How many of the resident's latest issuances and refusals the inquiry lists. */
export const RECENT_LIMIT = 10;

export type SupportMeasureDetail = { startsOn: string; endsOn: string | null; inForce: boolean; details: Array<{ key: string; value: string }> };

export type ResidentInquiry = {
  id: string;
  residentNo: string;
  name: string;
  kana: string;
  alias: string | null;
  dateOfBirth: string;
  status: ResidentStatusName;
  movedOutOn: string | null;
  moveOutPlannedOn: string | null;
  deceasedOn: string | null;
  flags: {
    movedOut: boolean;
    moveOutPlanned: boolean;
    deceased: boolean;
    gaijiPending: boolean;
    adultWard: boolean;
    /** Reasons of the 交付停止 in force (empty: none). */
    issuanceBlocks: IssuanceBlockReasonId[];
    /** A 支援措置 in force today (the resident's own, or flagged on their 戸籍 entry here). */
    supportMeasure: boolean;
  };
  /** The decrypted 支援措置, only for roles holding residents:support-measure-details; null otherwise. */
  supportMeasures: SupportMeasureDetail[] | null;
  cards: Array<{ id: string; serial: string; issuer: string; kind: "card" | "smartphone"; state: CardStateName; validFrom: string; validUntil: string; revokedAt: string | null; cardIssuedOn: string }>;
  seals: Array<{ registrationNo: string; status: "active" | "abolished"; registeredOn: string; abolishedOn: string | null }>;
  /** 本籍地 利用登録 held by this municipality for this person (by their 戸籍 entry or one of their card certificates). */
  registrations: Array<{ id: string; receiptNo: string; status: RegistrationStatusName; createdAt: string; decidedAt: string | null }>;
  issuances: Array<{ id: string; issuanceNo: string; certificateType: CertificateTypeId; status: IssuanceStatusName; renderedAt: string; voided: boolean }>;
  refusals: Array<{ id: string; reason: string; certificateType: CertificateTypeId; source: "eligibility" | "issuance"; refusedAt: string; storeChain: string; terminalId: string }>;
};

const ymd = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

function cardState(c: { status: "active" | "suspended" | "revoked"; validFrom: Date; validUntil: Date; revokedAt: Date | null }, now: Date): CardStateName {
  if (c.status === "revoked" || c.revokedAt) return "revoked";
  if (c.status === "suspended") return "suspended";
  if (c.validUntil < now) return "expired";
  if (c.validFrom > now) return "not_yet_valid";
  return "valid";
}

function detailPairs(plain: string): Array<{ key: string; value: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    return [{ key: "text", value: plain }];
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return [{ key: "text", value: String(parsed) }];
  return Object.entries(parsed as Record<string, unknown>).map(([key, v]) => ({ key, value: Array.isArray(v) ? v.map(String).join("、") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v) }));
}

/**
 * 住民照会: one resident of the staff member's municipality. Every view is audited (resident.view, counts and
 * ids only); decrypting the 支援措置 details is allowed to residents:support-measure-details only and audited
 * on its own as resident.read_support_measure.
 */
export async function getResidentInquiry({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<ResidentInquiry> {
  requirePermission(ctx, "residents:read");
  const municipalityId = requireMunicipality(ctx);
  const parsed = ZResidentRef.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "no such resident");
  const { residentId } = parsed.data;
  const showSupportDetails = ctx.actor.type === "staff" && can(ctx.actor.role, "residents:support-measure-details");
  const today = jstDateString(now);
  const todayDate = new Date(`${today}T00:00:00Z`);

  return withTenant(ctx, async (tx) => {
    const r = await tx.resident.findFirst({
      where: { id: residentId, municipalityId },
      include: {
        cardCertificates: { orderBy: { validFrom: "desc" } },
        sealRegistrations: { orderBy: { registeredOn: "desc" }, omit: { sealImage: true } },
        supportMeasures: { orderBy: { startsOn: "desc" } },
        issuanceBlocks: { where: { liftedAt: null }, orderBy: { setAt: "desc" }, select: { reason: true } },
        kosekiMembers: { select: { id: true, supportMeasure: true, removed: true } },
      },
    });
    if (!r) throw new AppError("not_found", "no such resident");

    const inForce = (s: { startsOn: Date; endsOn: Date | null }) => s.startsOn <= todayDate && (s.endsOn === null || s.endsOn >= todayDate);
    const memberIds = r.kosekiMembers.map((m) => m.id);
    const cardKeys = r.cardCertificates.map((c) => ({ cardIssuer: c.issuer, cardSerial: c.serial }));
    const [registrations, issuances, refusals] = await Promise.all([
      memberIds.length || cardKeys.length
        ? tx.kosekiRegistration.findMany({
            where: { municipalityId, OR: [...(memberIds.length ? [{ kosekiMemberId: { in: memberIds } }] : []), ...cardKeys] },
            select: { id: true, receiptNo: true, status: true, createdAt: true, decidedAt: true },
            orderBy: { createdAt: "desc" },
          })
        : Promise.resolve([]),
      tx.issuance.findMany({
        where: { municipalityId, requesterResidentId: r.id },
        select: { id: true, issuanceNo: true, certificateType: true, status: true, renderedAt: true, voidedAt: true },
        orderBy: { renderedAt: "desc" },
        take: RECENT_LIMIT,
      }),
      tx.refusal.findMany({ where: { municipalityId, residentId: r.id }, orderBy: [{ refusedAt: "desc" }, { id: "desc" }], take: RECENT_LIMIT }),
    ]);

    const supportMeasure = r.supportMeasures.some(inForce) || r.kosekiMembers.some((m) => m.supportMeasure && !m.removed);
    const supportMeasures = showSupportDetails
      ? r.supportMeasures.map((s) => ({ startsOn: ymd(s.startsOn)!, endsOn: ymd(s.endsOn), inForce: inForce(s), details: detailPairs(decryptField(s.detailsCipher, FieldContext.supportMeasure)) }))
      : null;

    if (supportMeasures && supportMeasures.length) {
      await writeAuditEvent(tx, ctx, { action: "resident.read_support_measure", targetType: "Resident", targetId: r.id, details: { supportMeasures: supportMeasures.length } });
    }
    await writeAuditEvent(tx, ctx, {
      action: "resident.view",
      targetType: "Resident",
      targetId: r.id,
      details: { cards: r.cardCertificates.length, registrations: registrations.length, issuances: issuances.length, refusals: refusals.length, supportMeasureDetails: supportMeasures !== null && supportMeasures.length > 0 },
    });

    return {
      id: r.id,
      residentNo: r.residentNo,
      name: `${r.familyName} ${r.givenName}`,
      kana: `${r.familyNameKana} ${r.givenNameKana}`,
      alias: r.alias,
      dateOfBirth: ymd(r.dateOfBirth)!,
      status: r.status,
      movedOutOn: ymd(r.movedOutOn),
      moveOutPlannedOn: ymd(r.moveOutPlannedOn),
      deceasedOn: ymd(r.deceasedOn),
      flags: {
        movedOut: r.status === "moved_out",
        moveOutPlanned: r.status === "active" && r.moveOutPlannedOn !== null,
        deceased: r.status === "deceased",
        gaijiPending: r.gaijiPending,
        adultWard: r.adultWard,
        issuanceBlocks: r.issuanceBlocks.map((b) => b.reason),
        supportMeasure,
      },
      supportMeasures,
      cards: r.cardCertificates.map((c) => ({
        id: c.id,
        serial: c.serial,
        issuer: c.issuer,
        kind: c.kind,
        state: cardState(c, now),
        validFrom: c.validFrom.toISOString(),
        validUntil: c.validUntil.toISOString(),
        revokedAt: c.revokedAt?.toISOString() ?? null,
        cardIssuedOn: ymd(c.cardIssuedOn)!,
      })),
      seals: r.sealRegistrations.map((s) => ({ registrationNo: s.registrationNo, status: s.status, registeredOn: ymd(s.registeredOn)!, abolishedOn: ymd(s.abolishedOn) })),
      registrations: registrations.map((g) => ({ id: g.id, receiptNo: g.receiptNo, status: g.status, createdAt: g.createdAt.toISOString(), decidedAt: g.decidedAt?.toISOString() ?? null })),
      issuances: issuances.map((i) => ({ id: i.id, issuanceNo: i.issuanceNo, certificateType: fromDbCertificateType(i.certificateType), status: i.status, renderedAt: i.renderedAt.toISOString(), voided: i.voidedAt !== null })),
      refusals: refusals.map((x) => ({ id: x.id, reason: x.reason, certificateType: fromDbCertificateType(x.certificateType), source: x.source, refusedAt: x.refusedAt.toISOString(), storeChain: x.storeChain, terminalId: x.terminalId })),
    };
  });
}
