import "server-only";
import { ZApproveRegistration, type ApproveRegistrationInput } from "@/lib/schemas/koseki-registration";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { deliverAfterCommit } from "../notices/deliver-notices";
import { ymdOf } from "./intake";
import { lockRegistration } from "./lock-registration";
import { matchApplication } from "./match-koseki";

/**
 * Approves a pending kiosk application: binds the chosen 戸籍 member (kosekiMemberId), so the card
 * certificate it carries opens this municipality's 戸籍 and 附票 at kiosks. Writes the notice to the outbox
 * in the same transaction when the applicant gave an e-mail address; sends it after the commit.
 */
export async function approveRegistration({ ctx, input, now = new Date() }: { ctx: RequestContext; input: ApproveRegistrationInput; now?: Date }): Promise<{ id: string; status: "approved"; noticeId: string | null }> {
  requirePermission(ctx, "registrations:review");
  const municipalityId = requireMunicipality(ctx);
  const decision = parseInput(ZApproveRegistration, input, "the decision is incomplete");
  const result = await withTenant(ctx, async (tx) => {
    const r = await lockRegistration(tx, municipalityId, decision.registrationId);
    if (!r.cardIssuer || !r.cardSerial) throw new AppError("registration_card_missing", "a web pre-registration without a card certificate cannot be approved");
    const member = await tx.kosekiMember.findFirst({
      where: { id: decision.kosekiMemberId, municipalityId, removed: false, kosekiRecord: { kind: "current" } },
      include: { kosekiRecord: { select: { honseki: true, headFamilyName: true, headGivenName: true } } },
    });
    if (!member) throw new AppError("koseki_member_invalid", "the chosen member is not in a current register of this municipality");
    const match = matchApplication(
      { honseki: r.honseki, kosekiHeadName: r.kosekiHeadName, familyName: r.applicantFamilyName, givenName: r.applicantGivenName, dateOfBirth: ymdOf(r.applicantDateOfBirth) },
      { ...member.kosekiRecord, familyName: member.familyName, givenName: member.givenName, dateOfBirth: ymdOf(member.dateOfBirth) },
    );
    await tx.kosekiRegistration.update({
      where: { id: r.id },
      data: { status: "approved", kosekiMemberId: member.id, decidedAt: now, decidedById: ctx.actor.id, rejectReasonCode: null },
    });
    const notice = r.emailCipher ? await tx.registrationNotice.create({ data: { municipalityId, registrationId: r.id, kind: "registration_approved", nextAttemptAt: now }, select: { id: true } }) : null;
    await writeAuditEvent(tx, ctx, {
      action: "koseki_registration.approve",
      targetType: "KosekiRegistration",
      targetId: r.id,
      details: { kosekiMemberId: member.id, matchedFields: match.matched, unmatched: match.fields.filter((f) => !f.matches).map((f) => f.field), noticeId: notice?.id ?? null },
    });
    return { id: r.id, status: "approved" as const, noticeId: notice?.id ?? null };
  });
  await deliverAfterCommit(result.noticeId ? [result.noticeId] : [], now);
  return result;
}
