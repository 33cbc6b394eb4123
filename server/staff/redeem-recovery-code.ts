import "server-only";
import { verify } from "@node-rs/argon2";
import { ZRecoveryCode } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { clearFailures, loadMfaUser, mfaError, recordMfaFailure, throttleRefusal, type MfaFailure } from "./mfa-attempts";
import { actorId } from "./staff-scope";

// (The verb "use recovery code" is named redeem: a use* name reads as a React hook to the linter.)
/**
 * Passes the MFA step with a recovery code instead of the app (lost phone). Each code works once: it is
 * marked used with a conditional update, so two concurrent uses of the same code cannot both succeed.
 */
export async function redeemRecoveryCode({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ remaining: number }> {
  const { code } = parseInput(ZRecoveryCode, input);
  const id = actorId(ctx);
  const outcome = await withTenant(ctx, async (tx): Promise<MfaFailure | { ok: true; remaining: number }> => {
    const user = await loadMfaUser(tx, id);
    if (!user.mfaEnrolledAt) throw new AppError("mfa_not_enrolled", "MFA is not set up");
    const refused = throttleRefusal(user, now);
    if (refused) return refused;
    const unused = await tx.mfaRecoveryCode.findMany({ where: { staffUserId: id, usedAt: null }, select: { id: true, codeHash: true } });
    let matchId: string | null = null;
    for (const row of unused) {
      if (await verify(row.codeHash, code).catch(() => false)) {
        matchId = row.id;
        break;
      }
    }
    const claimed = matchId ? await tx.mfaRecoveryCode.updateMany({ where: { id: matchId, usedAt: null }, data: { usedAt: now } }) : { count: 0 };
    if (claimed.count !== 1) return recordMfaFailure(tx, ctx, user, now, "recovery_code");
    await clearFailures(tx, user);
    const remaining = unused.length - 1;
    await writeAuditEvent(tx, ctx, { action: "staff.mfa_passed", targetType: "StaffUser", targetId: id, details: { method: "recovery_code", remaining } });
    return { ok: true, remaining };
  });
  if (!("ok" in outcome)) throw mfaError(outcome);
  return { remaining: outcome.remaining };
}
