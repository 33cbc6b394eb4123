import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { isThrottled, recordSignInFailure, retryAfterSeconds } from "../auth/sign-in-failures";
import { verifyTotp } from "../auth/totp";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";

// The MFA step shares the sign-in throttle (failedSignInCount / throttledUntil): a wrong code counts like a
// wrong password. A correct password no longer clears the count for an MFA-enrolled account (see
// verify-credentials.ts), so knowing the password does not buy fresh free guesses at the 6-digit code.
// Every MFA verb first locks the user's row (loadMfaUser), so parallel attempts are judged one after the
// other on fresh data: the throttle cannot be outrun by firing many codes at once, and a TOTP time step is
// accepted once (lastTotpStep).

export type MfaUserRow = {
  id: string;
  loginId: string;
  municipalityId: string | null;
  status: string;
  mfaSecretCipher: string | null;
  mfaEnrolledAt: Date | null;
  failedSignInCount: number;
  throttledUntil: Date | null;
  lastTotpStep: number | null;
};

/** The signed-in user's row, locked (FOR UPDATE) until the transaction ends. */
export async function loadMfaUser(tx: Tx, staffId: string): Promise<MfaUserRow> {
  await tx.$queryRaw`SELECT 1 FROM "StaffUser" WHERE id = ${staffId}::uuid FOR UPDATE`;
  const user = await tx.staffUser.findUnique({
    where: { id: staffId },
    select: {
      id: true,
      loginId: true,
      municipalityId: true,
      status: true,
      mfaSecretCipher: true,
      mfaEnrolledAt: true,
      failedSignInCount: true,
      throttledUntil: true,
      lastTotpStep: true,
    },
  });
  if (!user || user.status !== "active") throw new AppError("unauthenticated", "no active user");
  return user;
}

/** A refusal while the throttle runs, or null. */
export function throttleRefusal(user: MfaUserRow, now: Date): MfaFailure | null {
  if (!user.throttledUntil || !isThrottled(user.throttledUntil, now)) return null;
  return { error: "throttled", retryAfterSeconds: retryAfterSeconds(user.throttledUntil, now) };
}

export type MfaFailure = { error: "invalid_code" | "throttled"; retryAfterSeconds?: number };

export async function recordMfaFailure(tx: Tx, ctx: RequestContext, user: MfaUserRow, now: Date, method: string, reason: "wrong" | "replayed" = "wrong"): Promise<MfaFailure> {
  const { failedCount } = await recordSignInFailure(tx, user.id, now);
  await writeAuditEvent(tx, ctx, {
    action: "staff.mfa_failed",
    targetType: "StaffUser",
    targetId: user.id,
    details: { method, failedCount, ...(reason === "replayed" ? { reason } : {}) },
  });
  return { error: "invalid_code" };
}

/**
 * Judges a TOTP code for a row locked by loadMfaUser: null when it is accepted (its time step is then stored as
 * used), else the failure to answer. While the throttle runs every code is refused, but a wrong one still
 * counts (sign-in-failures.ts). A code whose step is not after the last accepted one is refused as
 * `invalid_code` and counts: a code seen over a shoulder or replayed from a log must not work a second time.
 */
export async function judgeTotp(
  tx: Tx,
  ctx: RequestContext,
  user: MfaUserRow,
  { secret, code, now, method }: { secret: string; code: string; now: Date; method: string },
): Promise<MfaFailure | null> {
  const step = verifyTotp(secret, code, now.getTime());
  const refused = throttleRefusal(user, now);
  if (refused) {
    if (step === null) await recordMfaFailure(tx, ctx, user, now, method);
    return refused;
  }
  if (step === null) return recordMfaFailure(tx, ctx, user, now, method);
  // Conditional on the stored step, so it stays single-use even without the row lock.
  const { count } = await tx.staffUser.updateMany({
    where: { id: user.id, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }] },
    data: { lastTotpStep: step },
  });
  if (count !== 1) return recordMfaFailure(tx, ctx, user, now, method, "replayed");
  return null;
}

export async function clearFailures(tx: Tx, user: MfaUserRow): Promise<void> {
  await tx.staffUser.update({ where: { id: user.id }, data: { failedSignInCount: 0, throttledUntil: null } });
}

/** Turns a failure returned from a committed transaction into the error the edge maps to Japanese. */
export function mfaError(failure: MfaFailure): AppError {
  return failure.error === "throttled"
    ? new AppError("throttled", "too many attempts; wait", { details: { retryAfterSeconds: failure.retryAfterSeconds } })
    : new AppError("invalid_code", "the code is not valid");
}
