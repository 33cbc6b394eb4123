import { describe, expect, it } from "vitest";
import { totpCode, totpStep } from "@/server/auth/totp";
import { FREE_ATTEMPTS } from "@/server/auth/throttle";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import type { RequestContext } from "@/server/context";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { beginMfaEnrolment } from "@/server/staff/begin-mfa-enrolment";
import { confirmMfaEnrolment } from "@/server/staff/confirm-mfa-enrolment";
import { redeemRecoveryCode } from "@/server/staff/redeem-recovery-code";
import { verifyMfa } from "@/server/staff/verify-mfa";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { createMunicipality, createStaffUser, TEST_PASSWORD } from "../factories";

function ctxOf(u: { id: string; role: StaffRole; municipalityId: string | null }): RequestContext {
  return { actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId }, municipalityId: u.municipalityId, requestId: crypto.randomUUID() };
}

/** Another code than the valid one (outside the ±1 step window). */
const wrongCode = (secret: string, now: Date) => totpCode(secret, now.getTime() + 10 * 60_000);
// A fixed instant: codes and signatures are made and judged on the same clock, whatever the day.
const NOW = new Date("2026-11-27T10:00:00+09:00");

async function enrolledUser() {
  const m = await createMunicipality();
  const u = await createStaffUser({ municipalityId: m.id, role: "clerk" });
  const ctx = ctxOf(u);
  const { secret } = await beginMfaEnrolment({ ctx });
  const now = NOW;
  const { recoveryCodes } = await confirmMfaEnrolment({ ctx, input: { code: totpCode(secret, now.getTime()) }, now });
  return { m, u, ctx, secret, recoveryCodes };
}

describe("TOTP enrolment", () => {
  it("stores the secret encrypted, activates it only with a valid code, and issues 10 hashed recovery codes", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "auditor" });
    const ctx = ctxOf(u);
    const start = await beginMfaEnrolment({ ctx });
    expect(start.otpauthUri).toContain(`secret=${start.secret}`);
    let row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.mfaSecretCipher).not.toContain(start.secret);
    expect(decryptField(row.mfaSecretCipher!, FieldContext.mfaSecret)).toBe(start.secret);
    expect(row.mfaEnrolledAt).toBeNull();

    const now = NOW;
    await expect(confirmMfaEnrolment({ ctx, input: { code: wrongCode(start.secret, now) }, now })).rejects.toMatchObject({ code: "invalid_code" });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).mfaEnrolledAt).toBeNull();

    const { recoveryCodes } = await confirmMfaEnrolment({ ctx, input: { code: totpCode(start.secret, now.getTime()) }, now });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.mfaEnrolledAt).not.toBeNull();
    const stored = await ownerDb().mfaRecoveryCode.findMany({ where: { staffUserId: u.id } });
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.codeHash.startsWith("$argon2id$")).toBe(true);
      expect(recoveryCodes).not.toContain(s.codeHash);
    }
    // Enrolled: the secret can no longer be replaced by starting over.
    await expect(beginMfaEnrolment({ ctx })).rejects.toMatchObject({ code: "mfa_already_enrolled" });

    const events = await ownerDb().auditEvent.findMany({ where: { targetId: u.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["staff.mfa_enrolment_started", "staff.mfa_failed", "staff.mfa_enrolled"]);
    for (const e of events) expect(JSON.stringify(e.details ?? {})).not.toContain(start.secret);
  });

  it("refuses confirmation before enrolment has begun", async () => {
    const u = await createStaffUser({ role: "operator", municipalityId: null });
    await expect(confirmMfaEnrolment({ ctx: ctxOf(u), input: { code: "123456" } })).rejects.toMatchObject({ code: "mfa_enrolment_not_started" });
  });
});

describe("the MFA sign-in step", () => {
  it("accepts the current code (±30 s) and refuses others", async () => {
    const { ctx, secret, u } = await enrolledUser();
    // Later than the enrolment (each time step is taken once): the previous step's code, then the current one.
    const now = new Date(NOW.getTime() + 90_000);
    await verifyMfa({ ctx, input: { code: totpCode(secret, now.getTime() - 30_000) }, now });
    await verifyMfa({ ctx, input: { code: totpCode(secret, now.getTime()) }, now });
    await expect(verifyMfa({ ctx, input: { code: wrongCode(secret, now) }, now })).rejects.toMatchObject({ code: "invalid_code" });
    await expect(verifyMfa({ ctx, input: { code: "12ab56" }, now })).rejects.toMatchObject({ code: "validation_failed" });
    const actions = (await ownerDb().auditEvent.findMany({ where: { targetId: u.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(["staff.mfa_passed", "staff.mfa_passed", "staff.mfa_failed"]);
  });

  it("a code works once: the same code again, or one of an earlier time step, is refused and counted", async () => {
    const { ctx, secret, u } = await enrolledUser();
    // The enrolment's own code, at the same instant.
    await expect(verifyMfa({ ctx, input: { code: totpCode(secret, NOW.getTime()) }, now: NOW })).rejects.toMatchObject({ code: "invalid_code" });
    const t1 = new Date(NOW.getTime() + 90_000);
    await verifyMfa({ ctx, input: { code: totpCode(secret, t1.getTime()) }, now: t1 });
    await expect(verifyMfa({ ctx, input: { code: totpCode(secret, t1.getTime()) }, now: t1 })).rejects.toMatchObject({ code: "invalid_code" });
    // Still inside the ±1 step window, but older than the step just used.
    await expect(verifyMfa({ ctx, input: { code: totpCode(secret, t1.getTime() - 30_000) }, now: t1 })).rejects.toMatchObject({ code: "invalid_code" });
    let row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ lastTotpStep: totpStep(t1.getTime() / 1000), failedSignInCount: 2 });
    const failures = await ownerDb().auditEvent.findMany({ where: { targetId: u.id, action: "staff.mfa_failed" }, orderBy: { seq: "asc" } });
    expect(failures.at(-1)?.details).toMatchObject({ method: "totp", reason: "replayed" });
    // The next step's code passes.
    const t2 = new Date(t1.getTime() + 30_000);
    await verifyMfa({ ctx, input: { code: totpCode(secret, t2.getTime()) }, now: t2 });
    row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ lastTotpStep: totpStep(t2.getTime() / 1000), failedSignInCount: 0 });
  });

  it("parallel uses of one code: exactly one passes", async () => {
    const { ctx, secret, u } = await enrolledUser();
    const t = new Date(NOW.getTime() + 90_000);
    const code = totpCode(secret, t.getTime());
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => verifyMfa({ ctx, input: { code }, now: t })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "invalid_code" });
    expect(await ownerDb().auditEvent.count({ where: { targetId: u.id, action: "staff.mfa_passed" } })).toBe(1);
  });

  it("N parallel wrong codes: every one counts, and the throttle stops them after FREE_ATTEMPTS", async () => {
    const { ctx, secret, u } = await enrolledUser();
    const t = new Date(NOW.getTime() + 90_000);
    const N = 20;
    const results = await Promise.allSettled(Array.from({ length: N }, () => verifyMfa({ ctx, input: { code: wrongCode(secret, t) }, now: t })));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "passed"));
    // Judged one after the other on fresh data: only the first FREE_ATTEMPTS are compared before the wait starts …
    expect(codes.filter((c) => c === "invalid_code")).toHaveLength(FREE_ATTEMPTS);
    expect(codes.filter((c) => c === "throttled")).toHaveLength(N - FREE_ATTEMPTS);
    // … and none of the N is lost from the count.
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.failedSignInCount).toBe(N);
    const counted = await ownerDb().auditEvent.findMany({ where: { targetId: u.id, action: "staff.mfa_failed" } });
    expect(counted.map((e) => (e.details as { failedCount: number }).failedCount).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    // The right code waits too.
    await expect(verifyMfa({ ctx, input: { code: totpCode(secret, t.getTime()) }, now: t })).rejects.toMatchObject({ code: "throttled" });
  });

  it("throttles wrong codes like wrong passwords, and a correct password does not reset the count", async () => {
    const { ctx, secret, u } = await enrolledUser();
    const t0 = NOW;
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      await expect(verifyMfa({ ctx, input: { code: wrongCode(secret, t0) }, now: t0 })).rejects.toMatchObject({ code: "invalid_code" });
    }
    // Signing in again with the right password buys no new free guesses …
    expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t0)).ok).toBe(true);
    await expect(verifyMfa({ ctx, input: { code: wrongCode(secret, t0) }, now: t0 })).rejects.toMatchObject({ code: "invalid_code" });
    // … so now even the right code waits.
    await expect(verifyMfa({ ctx, input: { code: totpCode(secret, t0.getTime()) }, now: t0 })).rejects.toMatchObject({ code: "throttled" });
    expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t0)).ok).toBe(false);
    // After the wait the owner gets in and the count clears.
    const later = new Date(t0.getTime() + 60 * 60_000);
    await verifyMfa({ ctx, input: { code: totpCode(secret, later.getTime()) }, now: later });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ failedSignInCount: 0, throttledUntil: null });
  });

  it("a recovery code works once", async () => {
    const { ctx, recoveryCodes, u } = await enrolledUser();
    const [first, second] = recoveryCodes;
    expect(await redeemRecoveryCode({ ctx, input: { code: first.toUpperCase() } })).toEqual({ remaining: 9 });
    await expect(redeemRecoveryCode({ ctx, input: { code: first } })).rejects.toMatchObject({ code: "invalid_code" });
    expect(await redeemRecoveryCode({ ctx, input: { code: ` ${second} ` } })).toEqual({ remaining: 8 });
    await expect(redeemRecoveryCode({ ctx, input: { code: "aaaaa-bbbbb" } })).rejects.toMatchObject({ code: "invalid_code" });
    expect(await ownerDb().mfaRecoveryCode.count({ where: { staffUserId: u.id, usedAt: { not: null } } })).toBe(2);
  });

  it("two concurrent uses of one recovery code: exactly one succeeds", async () => {
    const { ctx, recoveryCodes } = await enrolledUser();
    const results = await Promise.allSettled([redeemRecoveryCode({ ctx, input: { code: recoveryCodes[3] } }), redeemRecoveryCode({ ctx, input: { code: recoveryCodes[3] } })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("an account without MFA cannot pass the step", async () => {
    const u = await createStaffUser({ role: "operator", municipalityId: null });
    await expect(verifyMfa({ ctx: ctxOf(u), input: { code: "123456" } })).rejects.toMatchObject({ code: "mfa_not_enrolled" });
    await expect(redeemRecoveryCode({ ctx: ctxOf(u), input: { code: "aaaaa-bbbbb" } })).rejects.toMatchObject({ code: "mfa_not_enrolled" });
  });

  it("cross-tenant: the MFA verbs act on the signed-in user only; another municipality's user is untouched", async () => {
    const { ctx } = await enrolledUser();
    const other = await enrolledUser();
    const before = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: other.u.id } });
    // The other user's code means nothing for this actor.
    const later = new Date(NOW.getTime() + 90_000);
    await expect(verifyMfa({ ctx, input: { code: totpCode(other.secret, later.getTime()) }, now: later })).rejects.toMatchObject({ code: "invalid_code" });
    await expect(redeemRecoveryCode({ ctx, input: { code: other.recoveryCodes[0] } })).rejects.toMatchObject({ code: "invalid_code" });
    const after = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: other.u.id } });
    expect(after).toEqual(before);
    expect(await ownerDb().mfaRecoveryCode.count({ where: { staffUserId: other.u.id, usedAt: { not: null } } })).toBe(0);
  });
});
