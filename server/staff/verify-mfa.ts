import "server-only";
import { ZMfaCode } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { clearFailures, judgeTotp, loadMfaUser, mfaError, type MfaFailure } from "./mfa-attempts";
import { actorId } from "./staff-scope";

/** The second sign-in step: a TOTP code from the enrolled app. Failures count towards the sign-in throttle. */
export async function verifyMfa({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  const { code } = parseInput(ZMfaCode, input);
  const id = actorId(ctx);
  const outcome = await withTenant(ctx, async (tx): Promise<MfaFailure | { ok: true }> => {
    const user = await loadMfaUser(tx, id);
    if (!user.mfaEnrolledAt || !user.mfaSecretCipher) throw new AppError("mfa_not_enrolled", "MFA is not set up");
    const secret = decryptField(user.mfaSecretCipher, FieldContext.mfaSecret);
    const failure = await judgeTotp(tx, ctx, user, { secret, code, now, method: "totp" });
    if (failure) return failure;
    await clearFailures(tx, user);
    await writeAuditEvent(tx, ctx, { action: "staff.mfa_passed", targetType: "StaffUser", targetId: id, details: { method: "totp" } });
    return { ok: true };
  });
  if (!("ok" in outcome)) throw mfaError(outcome);
}
