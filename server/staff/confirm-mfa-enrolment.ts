import "server-only";
import { hash } from "@node-rs/argon2";
import { ZMfaCode } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { clearFailures, judgeTotp, loadMfaUser, mfaError, type MfaFailure } from "./mfa-attempts";
import { generateRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { actorId } from "./staff-scope";

/**
 * Activates the pending TOTP secret once the user proves their app produces valid codes, and issues fresh
 * recovery codes. The codes are returned here only, to be shown once; the database keeps argon2id hashes.
 */
export async function confirmMfaEnrolment({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZMfaCode, input);
  const id = actorId(ctx);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  const hashes = await Promise.all(recoveryCodes.map((c) => hash(c)));

  const outcome = await withTenant(ctx, async (tx): Promise<MfaFailure | { ok: true }> => {
    const user = await loadMfaUser(tx, id);
    if (user.mfaEnrolledAt) throw new AppError("mfa_already_enrolled", "MFA is already set up");
    if (!user.mfaSecretCipher) throw new AppError("mfa_enrolment_not_started", "begin the enrolment first");
    const secret = decryptField(user.mfaSecretCipher, FieldContext.mfaSecret);
    const failure = await judgeTotp(tx, ctx, user, { secret, code, now, method: "enrolment" });
    if (failure) return failure;

    await clearFailures(tx, user);
    await tx.staffUser.update({ where: { id }, data: { mfaEnrolledAt: now } });
    await tx.mfaRecoveryCode.deleteMany({ where: { staffUserId: id } });
    await tx.mfaRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ staffUserId: id, codeHash })) });
    await writeAuditEvent(tx, ctx, { action: "staff.mfa_enrolled", targetType: "StaffUser", targetId: id, details: { recoveryCodes: RECOVERY_CODE_COUNT } });
    return { ok: true };
  });
  if (!("ok" in outcome)) throw mfaError(outcome);
  return { recoveryCodes };
}
