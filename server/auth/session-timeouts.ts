// Staff session lifetime rules, as a pure decision so the boundaries are tested without a clock.
// Idle: 15 minutes since the last recorded activity. Absolute: 8 hours since the password sign-in,
// however active the session was. No "server-only": pure and imported by unit tests.

export const IDLE_TIMEOUT_SECONDS = 15 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 8 * 60 * 60;

export type SessionTimes = {
  /** Unix seconds of the password sign-in. */
  signedInAt?: number;
  /** Unix seconds of the last recorded activity (sign-in, MFA step, portal navigation). */
  lastActivity?: number;
};

export type SessionTimeoutDecision = "active" | "idle_timeout" | "absolute_timeout" | "invalid";

/** Whether a session is still usable at `nowSeconds`. Exactly at a limit the session has ended. */
export function sessionTimeoutDecision(times: SessionTimes, nowSeconds: number): SessionTimeoutDecision {
  const { signedInAt, lastActivity } = times;
  // A token without the times predates this rule or was not issued by us: refuse it rather than guess.
  if (typeof signedInAt !== "number" || typeof lastActivity !== "number") return "invalid";
  // Times in the future (clock skew between instances aside) mean a forged or broken token.
  if (signedInAt > nowSeconds + 60 || lastActivity > nowSeconds + 60 || lastActivity < signedInAt) return "invalid";
  if (nowSeconds - signedInAt >= ABSOLUTE_TIMEOUT_SECONDS) return "absolute_timeout";
  if (nowSeconds - lastActivity >= IDLE_TIMEOUT_SECONDS) return "idle_timeout";
  return "active";
}
