import "server-only";
import { ZResetMfa } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { actorId, findManagedUser, requireStaffManager } from "./staff-scope";

/**
 * An administrator clears a user's TOTP enrolment and recovery codes (lost or replaced phone). The user's
 * sessions end at the next request, and the next sign-in leads to a fresh enrolment before the portal opens.
 * Never one's own: an attacker holding a session must not be able to strip the second factor.
 */
export async function resetMfa({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  requireStaffManager(ctx);
  const { staffUserId } = parseInput(ZResetMfa, input);
  if (staffUserId === actorId(ctx)) throw new AppError("cannot_change_self", "nobody resets their own MFA");
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    await tx.mfaRecoveryCode.deleteMany({ where: { staffUserId: user.id } });
    await tx.staffUser.update({
      where: { id: user.id },
      data: { mfaSecretCipher: null, mfaEnrolledAt: null, lastTotpStep: null, sessionVersion: { increment: 1 } },
    });
    await writeAuditEvent(tx, ctx, { action: "staff.mfa_reset", targetType: "StaffUser", targetId: user.id, municipalityId: user.municipalityId });
  });
}
