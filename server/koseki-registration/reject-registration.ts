import "server-only";
import { ZRejectRegistration, type RejectRegistrationInput } from "@/lib/schemas/koseki-registration";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { deliverAfterCommit } from "../notices/deliver-notices";
import { lockRegistration } from "./lock-registration";

/** Rejects a pending application (kiosk, or a web pre-registration) with a reason code; notice as for approval. */
export async function rejectRegistration({ ctx, input, now = new Date() }: { ctx: RequestContext; input: RejectRegistrationInput; now?: Date }): Promise<{ id: string; status: "rejected"; noticeId: string | null }> {
  requirePermission(ctx, "registrations:review");
  const municipalityId = requireMunicipality(ctx);
  const decision = parseInput(ZRejectRegistration, input, "the decision is incomplete");
  const result = await withTenant(ctx, async (tx) => {
    const r = await lockRegistration(tx, municipalityId, decision.registrationId);
    await tx.kosekiRegistration.update({
      where: { id: r.id },
      data: { status: "rejected", rejectReasonCode: decision.reasonCode, decisionNote: decision.note || null, decidedAt: now, decidedById: ctx.actor.id, kosekiMemberId: null },
    });
    const notice = r.emailCipher ? await tx.registrationNotice.create({ data: { municipalityId, registrationId: r.id, kind: "registration_rejected", nextAttemptAt: now }, select: { id: true } }) : null;
    // The note is free text and may name people: it stays on the row, never in the audit details.
    await writeAuditEvent(tx, ctx, {
      action: "koseki_registration.reject",
      targetType: "KosekiRegistration",
      targetId: r.id,
      details: { reasonCode: decision.reasonCode, withNote: Boolean(decision.note), noticeId: notice?.id ?? null },
    });
    return { id: r.id, status: "rejected" as const, noticeId: notice?.id ?? null };
  });
  await deliverAfterCommit(result.noticeId ? [result.noticeId] : [], now);
  return result;
}
