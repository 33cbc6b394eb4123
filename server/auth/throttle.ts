import "server-only";

// Failed sign-ins slow the account down instead of locking it: an attacker who knows a login id can delay
// its owner by minutes, never lock them out for good. The first 4 failures cost nothing; then the wait
// doubles from 30 s up to 15 min.
export const FREE_ATTEMPTS = 4;
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;

export function throttleDelayMs(failedCount: number): number {
  if (failedCount < FREE_ATTEMPTS) return 0;
  const exp = failedCount - FREE_ATTEMPTS;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(exp, 20));
}
