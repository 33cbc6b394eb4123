import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { throttleDelayMs } from "../auth/throttle";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";

// The MFA step shares the sign-in throttle (failedSignInCount / throttledUntil): a wrong code counts like a
// wrong password. A correct password no longer clears the count for an MFA-enrolled account (see
// verify-credentials.ts), so knowing the password does not buy fresh free guesses at the 6-digit code.

export type MfaUserRow = {
  id: string;
  loginId: string;
  municipalityId: string | null;
  status: string;
  mfaSecretCipher: string | null;
  mfaEnrolledAt: Date | null;
  failedSignInCount: number;
  throttledUntil: Date | null;
};

export async function loadMfaUser(tx: Tx, staffId: string): Promise<MfaUserRow> {
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
    },
  });
  if (!user || user.status !== "active") throw new AppError("unauthenticated", "no active user");
  return user;
}

/** A refusal while the throttle runs, or null. */
export function throttleRefusal(user: MfaUserRow, now: Date): MfaFailure | null {
  if (!user.throttledUntil || user.throttledUntil <= now) return null;
  return { error: "throttled", retryAfterSeconds: Math.ceil((user.throttledUntil.getTime() - now.getTime()) / 1000) };
}

export type MfaFailure = { error: "invalid_code" | "throttled"; retryAfterSeconds?: number };

export async function recordMfaFailure(tx: Tx, ctx: RequestContext, user: MfaUserRow, now: Date, method: string): Promise<MfaFailure> {
  const { failedSignInCount } = await tx.staffUser.update({
    where: { id: user.id },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  const delay = throttleDelayMs(failedSignInCount);
  if (delay) await tx.staffUser.update({ where: { id: user.id }, data: { throttledUntil: new Date(now.getTime() + delay) } });
  await writeAuditEvent(tx, ctx, {
    action: "staff.mfa_failed",
    targetType: "StaffUser",
    targetId: user.id,
    details: { method, failedCount: failedSignInCount },
  });
  return { error: "invalid_code" };
}

export async function clearFailures(tx: Tx, user: MfaUserRow): Promise<void> {
  await tx.staffUser.update({ where: { id: user.id }, data: { failedSignInCount: 0, throttledUntil: null } });
}

/** Turns a failure returned from a committed transaction into the error the edge maps to Japanese. */
export function mfaError(failure: MfaFailure): AppError {
  return failure.error === "throttled"
    ? new AppError("throttled", "too many attempts; wait", { status: 429, details: { retryAfterSeconds: failure.retryAfterSeconds } })
    : new AppError("invalid_code", "the code is not valid", { status: 422 });
}
