import "server-only";
import type { Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { throttleDelayMs } from "./throttle";

// One failure counter per account (StaffUser.failedSignInCount / throttledUntil), shared by every check of a
// secret: the password at sign-in, the current password on a password change, and TOTP codes. The counter is
// only ever changed in SQL (`failedSignInCount = failedSignInCount + 1`), never read, changed in JS and written
// back: parallel wrong answers each count (docs/security.md, "Sign-in and MFA attempts").
//
// Every wrong answer counts, also while the throttle runs (a right answer is refused then anyway, so guesses
// made during the wait are worth nothing, but they show pressure on the account and lengthen the next wait).
// A failure never pushes out a wait that is already running: an attacker who keeps guessing cannot keep the
// owner out for good, the wait ends at the time set when it began (at most MAX_DELAY_MS later).

/** Rows whose throttle is not running at `now`: the condition of every update that accepts an answer. */
export function throttleOffAt(now: Date): Prisma.StaffUserWhereInput {
  return { OR: [{ throttledUntil: null }, { throttledUntil: { lte: now } }] };
}

export function isThrottled(throttledUntil: Date | null, now: Date): boolean {
  return throttledUntil !== null && throttledUntil > now;
}

export function retryAfterSeconds(throttledUntil: Date, now: Date): number {
  return Math.ceil((throttledUntil.getTime() - now.getTime()) / 1000);
}

/**
 * Counts one wrong answer for the account, atomically, and starts the wait when the new count calls for one
 * and no wait is running. Returns the count this failure produced (each of N parallel calls sees its own).
 */
export async function recordSignInFailure(tx: Tx, staffId: string, now: Date): Promise<{ failedCount: number }> {
  const { failedSignInCount } = await tx.staffUser.update({
    where: { id: staffId },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  const delay = throttleDelayMs(failedSignInCount);
  // The increment above holds the row lock until commit, so this condition sees every committed failure.
  if (delay) await tx.staffUser.updateMany({ where: { id: staffId, ...throttleOffAt(now) }, data: { throttledUntil: new Date(now.getTime() + delay) } });
  return { failedCount: failedSignInCount };
}
