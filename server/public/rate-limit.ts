import "server-only";
import crypto from "node:crypto";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";

// Fixed-window throttles for the pages used before any sign-in: pre-registration, the status lookup, the
// certificate verification and the staff sign-in itself. The key is a hash of scope + subject (client address, receipt number, or "all" for a
// global limit), so no address is stored in clear.
// A transaction-scoped advisory lock per key makes concurrent requests count one by one.

export type RateLimitRule = { scope: string; limit: number; windowMs: number };

export const RATE_LIMITS = {
  /** Pre-registrations per client address. */
  preRegistrationPerClient: { scope: "pre-registration:client", limit: 5, windowMs: 60 * 60_000 },
  /** Status lookups per client address. */
  statusLookupPerClient: { scope: "status-lookup:client", limit: 20, windowMs: 15 * 60_000 },
  /** Status lookups per receipt number (whoever asks): slows guessing a date of birth for a known number. */
  statusLookupPerReceipt: { scope: "status-lookup:receipt", limit: 5, windowMs: 60 * 60_000 },
  /**
   * Staff sign-in attempts (password step) per client address, whatever the login id: slows spraying one
   * password over many ids, which the per-account throttle cannot see. Generous, because a town hall's staff
   * (or several municipalities behind one LGWAN gateway) may share an address.
   */
  signInPerClient: { scope: "sign-in:client", limit: 100, windowMs: 15 * 60_000 },
  /**
   * Staff sign-in attempts from everywhere (subject GLOBAL_SUBJECT): caps the argon2 work and
   * attacks spread over many addresses. Far above the staff's own traffic; when it trips, everyone waits.
   */
  signInGlobal: { scope: "sign-in:global", limit: 1000, windowMs: 5 * 60_000 },
  /**
   * Certificate verifications (/verify) per client address. Generous: whoever receives certificates (a bank
   * branch, an employer) may check many from one address, and a guess at a 60-bit 照合番号 needs ~2^59 tries.
   */
  verifyPerClient: { scope: "verify:client", limit: 60, windowMs: 15 * 60_000 },
  /** Verifications from everywhere (subject GLOBAL_SUBJECT): bounds the database work of a flood spread over many addresses. */
  verifyGlobal: { scope: "verify:global", limit: 3000, windowMs: 5 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

/** The subject of a limit over all callers (signInGlobal, verifyGlobal); each rule has its own scope. */
export const GLOBAL_SUBJECT = "all";

/** The throttles' one refusal (rate_limited, 429; the form shows lib/error-messages.ts's text). */
export const rateLimited = () => new AppError("rate_limited", "too many attempts; try again later");

const keyOf = (scope: string, subject: string) => crypto.createHash("sha256").update(`${scope}\n${subject}`).digest("base64url");

/** Counts one attempt; false when the subject is over its limit for the current window. */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<boolean> {
  const key = keyOf(rule.scope, subject);
  return withTenant(systemContext("public-rate-limit"), async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"rate:" + key}, 0))`;
    const row = await tx.publicRateLimit.findUnique({ where: { key } });
    if (!row || row.windowStartAt.getTime() <= now.getTime() - rule.windowMs) {
      await tx.publicRateLimit.upsert({ where: { key }, create: { key, windowStartAt: now, count: 1 }, update: { windowStartAt: now, count: 1 } });
      return 1 <= rule.limit;
    }
    const updated = await tx.publicRateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return updated.count <= rule.limit;
  });
}

export async function enforceRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<void> {
  if (!(await consumeRateLimit(rule, subject, now))) throw rateLimited();
}

/** Drops windows that ended long ago (maintenance). */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowMs));
  return withTenant(systemContext("public-rate-limit"), async (tx) => (await tx.publicRateLimit.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - longest) } } })).count);
}
