import "server-only";
import { verify } from "@node-rs/argon2";
import { ZSignIn } from "@/lib/schemas/sign-in";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withSystemScope } from "../db/tenant";
import type { StaffRole } from "../generated/prisma/enums";
import { throttleDelayMs } from "./throttle";

export type SignedInStaff = {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  municipalityId: string | null;
  sessionVersion: number;
};

export type CredentialResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; code: "invalid_credentials" | "throttled" | "disabled" | "validation_failed"; retryAfterSeconds?: number };

// A fixed argon2id hash verified for unknown login ids, so response time does not reveal which ids exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$HgTQab+Re51+u+EF7XJLMg$Z245aC2tWf5qVTTphaPDNT99xQZkEn/dd9gS11DmwaY";

export async function verifyCredentials(raw: unknown, now = new Date()): Promise<CredentialResult> {
  const parsed = ZSignIn.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "validation_failed" };
  const { loginId, password } = parsed.data;
  // Before sign-in there is no tenant: the lookup by login id is system work.
  const user = await withSystemScope("sign-in", (tx) => tx.staffUser.findUnique({ where: { loginId } }));
  if (!user) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return { ok: false, code: "invalid_credentials" };
  }
  if (user.throttledUntil && user.throttledUntil > now) {
    return { ok: false, code: "throttled", retryAfterSeconds: Math.ceil((user.throttledUntil.getTime() - now.getTime()) / 1000) };
  }
  const passwordOk = await verify(user.passwordHash, password).catch(() => false);
  const ctx: RequestContext = {
    actor: { type: "staff", id: user.id, role: user.role, municipalityId: user.municipalityId },
    municipalityId: user.municipalityId,
    requestId: crypto.randomUUID(),
  };

  if (!passwordOk) {
    const failed = user.failedSignInCount + 1;
    const delay = throttleDelayMs(failed);
    await withSystemScope("sign-in", async (tx) => {
      await tx.staffUser.update({
        where: { id: user.id },
        data: { failedSignInCount: failed, throttledUntil: delay ? new Date(now.getTime() + delay) : null },
      });
      await writeAuditEvent(tx, ctx, { action: "staff.sign_in_failed", targetType: "StaffUser", targetId: user.id, details: { failedCount: failed } });
    });
    return { ok: false, code: "invalid_credentials" };
  }
  if (user.status !== "active") {
    await withSystemScope("sign-in", (tx) =>
      writeAuditEvent(tx, ctx, { action: "staff.sign_in_refused", targetType: "StaffUser", targetId: user.id, details: { reason: "disabled" } }),
    );
    return { ok: false, code: "disabled" };
  }
  await withSystemScope("sign-in", async (tx) => {
    // With MFA enrolled the password is only the first step: the failure count (shared with the TOTP step)
    // is cleared when the second factor passes, so a known password does not reset the guesses at the code.
    const mfaPending = user.mfaEnrolledAt !== null;
    await tx.staffUser.update({
      where: { id: user.id },
      data: mfaPending ? { lastSignInAt: now } : { failedSignInCount: 0, throttledUntil: null, lastSignInAt: now },
    });
    await writeAuditEvent(tx, ctx, { action: "staff.sign_in", targetType: "StaffUser", targetId: user.id, details: { step: "password", mfaPending } });
  });
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
