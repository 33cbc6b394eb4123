import "server-only";
import { hash } from "@node-rs/argon2";
import { ZRegenerateRecoveryCodes } from "@/lib/schemas/staff";
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
 * The signed-in user replaces their recovery codes (used up, or the printed sheet was lost). A current code
 * from the authenticator app is required, so an unattended session alone cannot mint codes; wrong codes count
 * towards the shared throttle. Every old code stops working; the new ones are returned here only, shown once.
 */
export async function regenerateRecoveryCodes({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZRegenerateRecoveryCodes, input);
  const id = actorId(ctx);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  const hashes = await Promise.all(recoveryCodes.map((c) => hash(c)));

  const outcome = await withTenant(ctx, async (tx): Promise<MfaFailure | { ok: true }> => {
    const user = await loadMfaUser(tx, id);
    if (!user.mfaEnrolledAt || !user.mfaSecretCipher) throw new AppError("mfa_not_enrolled", "MFA is not set up");
    const secret = decryptField(user.mfaSecretCipher, FieldContext.mfaSecret);
    const failure = await judgeTotp(tx, ctx, user, { secret, code, now, method: "recovery_code_regeneration" });
    if (failure) return failure;
    await clearFailures(tx, user);
    await tx.mfaRecoveryCode.deleteMany({ where: { staffUserId: id } });
    await tx.mfaRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ staffUserId: id, codeHash })) });
    await writeAuditEvent(tx, ctx, { action: "staff.recovery_codes_regenerated", targetType: "StaffUser", targetId: id, details: { recoveryCodes: RECOVERY_CODE_COUNT } });
    return { ok: true };
  });
  if (!("ok" in outcome)) throw mfaError(outcome);
  return { recoveryCodes };
}
