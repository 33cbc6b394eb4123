import "server-only";
import { can } from "@/lib/permissions";
import { ZRegistrationRef, type RegistrationStatusName } from "@/lib/schemas/koseki-registration";
import { jstDateString } from "@/lib/jst";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { NoticeKind, NoticeStatus } from "../generated/prisma/enums";
import { isOverdue } from "./business-days";
import { ymdOf } from "./intake";
import { matchApplication, type MatchResult } from "./match-koseki";

export type ReviewCandidate = { memberId: string; recordNo: string; relationship: string; match: MatchResult };

export type RegistrationReview = {
  id: string;
  receiptNo: string;
  source: "kiosk" | "web";
  status: RegistrationStatusName;
  applicant: { name: string; kana: string; dateOfBirth: string; currentAddress: string };
  honseki: string;
  kosekiHeadName: string;
  hasEmail: boolean;
  cardBound: boolean;
  preRegistrationReceiptNo: string | null;
  receivedAt: string;
  dueOn: string;
  overdue: boolean;
  decidedAt: string | null;
  rejectReasonCode: string | null;
  decisionNote: string | null;
  reregistrationReason: string | null;
  approvedMemberId: string | null;
  /** Members of current registers that share the name or the date of birth, best match first. */
  candidates: ReviewCandidate[];
  notices: Array<{ id: string; kind: NoticeKind; status: NoticeStatus; attempts: number; lastError: string | null; sentAt: string | null; createdAt: string }>;
  canDecide: boolean;
};

/**
 * One application with the automatic match against this municipality's 戸籍: every candidate member is
 * compared on 本籍, 筆頭者, name and date of birth. Reading 戸籍 data is audited (ids and counts only).
 */
export async function getRegistrationReview({ ctx, input, now = new Date() }: { ctx: RequestContext; input: { registrationId: string }; now?: Date }): Promise<RegistrationReview> {
  requirePermission(ctx, "registrations:read");
  const municipalityId = requireMunicipality(ctx);
  const parsed = ZRegistrationRef.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "no such registration");
  return withTenant(ctx, async (tx) => {
    const r = await tx.kosekiRegistration.findFirst({
      where: { id: parsed.data.registrationId, municipalityId },
      include: { notices: { orderBy: { createdAt: "asc" } } },
    });
    if (!r) throw new AppError("not_found", "no such registration");
    const members = await tx.kosekiMember.findMany({
      where: {
        municipalityId,
        removed: false,
        kosekiRecord: { kind: "current" },
        OR: [{ dateOfBirth: r.applicantDateOfBirth }, { familyName: r.applicantFamilyName, givenName: r.applicantGivenName }, ...(r.kosekiMemberId ? [{ id: r.kosekiMemberId }] : [])],
      },
      include: { kosekiRecord: { select: { recordNo: true, honseki: true, headFamilyName: true, headGivenName: true } } },
      take: 20,
    });
    const application = { honseki: r.honseki, kosekiHeadName: r.kosekiHeadName, familyName: r.applicantFamilyName, givenName: r.applicantGivenName, dateOfBirth: ymdOf(r.applicantDateOfBirth) };
    const candidates = members
      .map((m) => ({
        memberId: m.id,
        recordNo: m.kosekiRecord.recordNo,
        relationship: m.relationship,
        match: matchApplication(application, { ...m.kosekiRecord, familyName: m.familyName, givenName: m.givenName, dateOfBirth: ymdOf(m.dateOfBirth) }),
      }))
      .sort((a, b) => b.match.matched - a.match.matched || a.recordNo.localeCompare(b.recordNo))
      .slice(0, 10);
    const pre = r.preRegistrationId ? await tx.kosekiRegistration.findFirst({ where: { id: r.preRegistrationId, municipalityId }, select: { receiptNo: true } }) : null;
    await writeAuditEvent(tx, ctx, { action: "koseki_registration.view", targetType: "KosekiRegistration", targetId: r.id, details: { candidates: candidates.length } });
    const dueOn = ymdOf(r.dueOn);
    const cardBound = r.cardSerial !== null;
    return {
      id: r.id,
      receiptNo: r.receiptNo,
      source: r.source,
      status: r.status,
      applicant: { name: `${r.applicantFamilyName} ${r.applicantGivenName}`, kana: `${r.applicantFamilyNameKana} ${r.applicantGivenNameKana}`, dateOfBirth: ymdOf(r.applicantDateOfBirth), currentAddress: r.currentAddress },
      honseki: r.honseki,
      kosekiHeadName: r.kosekiHeadName,
      hasEmail: r.emailCipher !== null,
      cardBound,
      preRegistrationReceiptNo: pre?.receiptNo ?? null,
      receivedAt: r.createdAt.toISOString(),
      dueOn,
      overdue: r.status === "pending" && cardBound && isOverdue(dueOn, jstDateString(now)),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      rejectReasonCode: r.rejectReasonCode,
      decisionNote: r.decisionNote,
      reregistrationReason: r.reregistrationReason,
      approvedMemberId: r.kosekiMemberId,
      candidates,
      notices: r.notices.map((n) => ({ id: n.id, kind: n.kind, status: n.status, attempts: n.attempts, lastError: n.lastError, sentAt: n.sentAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
      canDecide: r.status === "pending" && ctx.actor.type === "staff" && can(ctx.actor.role, "registrations:review"),
    };
  });
}
