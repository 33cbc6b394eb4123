import "server-only";
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { ZSignIn } from "@/lib/schemas/sign-in";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext, type RequestContext } from "../context";
import { withSystemScope } from "../db/tenant";
import type { StaffRole } from "../generated/prisma/enums";
import { consumeRateLimit, RATE_LIMITS, GLOBAL_SUBJECT } from "../public/rate-limit";
import { isThrottled, recordSignInFailure, throttleOffAt } from "./sign-in-failures";

export type SignedInStaff = {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  municipalityId: string | null;
  sessionVersion: number;
};

/**
 * `invalid_credentials` stands for every refusal that could tell known login ids from unknown ones: an unknown
 * id, a wrong password, and an account whose throttle is running (even with the right password). `throttled`
 * is only the per-address or global limit, which applies whatever the login id. `disabled` needs the right
 * password, so it tells nothing to someone who does not already hold the account.
 */
export type CredentialResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; code: "invalid_credentials" | "throttled" | "disabled" | "validation_failed" };

const INVALID = { ok: false, code: "invalid_credentials" } as const;

// Verified for unknown login ids so the answer takes as long as for known ones. Made once per process by the
// same hash() call (same argon2id parameters) that stores real passwords, so the cost follows any change.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hash(crypto.randomBytes(32).toString("base64url")));

/**
 * The password step of sign-in. `clientKey` is the caller's address (lib/client-address.ts) for the
 * per-address limit; the global limit applies to every call.
 */
export async function verifyCredentials(raw: unknown, now = new Date(), clientKey: string | null = null): Promise<CredentialResult> {
  const parsed = ZSignIn.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  // Before any lookup or argon2 work; these limits say nothing about the login id.
  if (!(await withinSignInLimits(clientKey, now))) return { ok: false, code: "throttled" };
  const { loginId, password } = parsed.data;
  const fallbackHash = await getDummyHash();
  // Before sign-in there is no tenant: the lookup by login id is system work.
  const user = await withSystemScope("sign-in", (tx) => tx.staffUser.findUnique({ where: { loginId } }));
  // Exactly one argon2 verification on every path (unknown id, throttled or not), so timing tells nothing.
  const passwordOk = await verify(user?.passwordHash ?? fallbackHash, password).catch(() => false);
  if (!user) {
    // Audited like a failure of a known id (one transaction, one event), which also keeps the timing alike.
    // The typed login id is not recorded: it is sometimes a password typed into the wrong field.
    const sys = systemContext("sign-in");
    await withSystemScope("sign-in", (tx) => writeAuditEvent(tx, sys, { action: "staff.sign_in_failed", details: { reason: "unknown_login_id" } }));
    return INVALID;
  }
  const ctx: RequestContext = {
    actor: { type: "staff", id: user.id, role: user.role, municipalityId: user.municipalityId },
    municipalityId: user.municipalityId,
    requestId: crypto.randomUUID(),
  };
  const throttled = isThrottled(user.throttledUntil, now);

  if (!passwordOk) {
    // Counted in SQL (sign-in-failures.ts), also while throttled: N parallel wrong passwords count N.
    await withSystemScope("sign-in", async (tx) => {
      const { failedCount } = await recordSignInFailure(tx, user.id, now);
      await writeAuditEvent(tx, ctx, { action: "staff.sign_in_failed", targetType: "StaffUser", targetId: user.id, details: { failedCount, throttled } });
    });
    return INVALID;
  }
  if (throttled) {
    await refuse(ctx, user.id, "throttled");
    return INVALID;
  }
  if (user.status !== "active") {
    await refuse(ctx, user.id, "disabled");
    return { ok: false, code: "disabled" };
  }
  const accepted = await withSystemScope("sign-in", async (tx) => {
    // With MFA enrolled the password is only the first step: the failure count (shared with the TOTP step)
    // is cleared when the second factor passes, so a known password does not reset the guesses at the code.
    const mfaPending = user.mfaEnrolledAt !== null;
    // Accepted only while no throttle runs, judged in the same statement: a parallel wrong guess may have
    // started one since the read above.
    const { count } = await tx.staffUser.updateMany({
      where: { id: user.id, ...throttleOffAt(now) },
      data: mfaPending ? { lastSignInAt: now } : { failedSignInCount: 0, throttledUntil: null, lastSignInAt: now },
    });
    if (count === 0) {
      await writeAuditEvent(tx, ctx, { action: "staff.sign_in_refused", targetType: "StaffUser", targetId: user.id, details: { reason: "throttled" } });
      return false;
    }
    await writeAuditEvent(tx, ctx, { action: "staff.sign_in", targetType: "StaffUser", targetId: user.id, details: { step: "password", mfaPending } });
    return true;
  });
  if (!accepted) return INVALID;
  return {
    ok: true,
    staff: {
      id: user.id,
      loginId: user.loginId,
      displayName: user.displayName,
      role: user.role,
      municipalityId: user.municipalityId,
      sessionVersion: user.sessionVersion,
    },
  };
}

async function withinSignInLimits(clientKey: string | null, now: Date): Promise<boolean> {
  // Both windows count the attempt, even when the other one refuses it.
  const [client, global] = await Promise.all([
    clientKey === null ? true : consumeRateLimit(RATE_LIMITS.signInPerClient, clientKey, now),
    consumeRateLimit(RATE_LIMITS.signInGlobal, GLOBAL_SUBJECT, now),
  ]);
  return client && global;
}

function refuse(ctx: RequestContext, staffId: string, reason: "throttled" | "disabled"): Promise<unknown> {
  return withSystemScope("sign-in", (tx) => writeAuditEvent(tx, ctx, { action: "staff.sign_in_refused", targetType: "StaffUser", targetId: staffId, details: { reason } }));
}
