import * as argon2 from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { FREE_ATTEMPTS, MAX_DELAY_MS } from "@/server/auth/throttle";
import type { RequestContext } from "@/server/context";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { consumeRateLimit, RATE_LIMITS, GLOBAL_SUBJECT } from "@/server/public/rate-limit";
import { changePassword } from "@/server/staff/change-password";
import { createMunicipality, createStaffUser, TEST_PASSWORD } from "../factories";

// The real argon2, watched: every answer must cost exactly one verification, with the same parameters.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});
const argonVerify = vi.mocked(argon2.verify);
/** "$argon2id$v=19$m=…,t=…,p=…": the algorithm and cost of a PHC hash string, without salt and digest. */
const argonParams = (phc: string) => phc.split("$").slice(0, 4).join("$");

function ctxOf(u: { id: string; role: StaffRole; municipalityId: string | null }): RequestContext {
  return { actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId }, municipalityId: u.municipalityId, requestId: crypto.randomUUID() };
}

const failedCounts = async (staffId: string, action: string) =>
  (await ownerDb().auditEvent.findMany({ where: { targetId: staffId, action } }))
    .map((e) => (e.details as { failedCount: number }).failedCount)
    .sort((a, b) => a - b);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("verifyCredentials", () => {
  it("signs in with the right password and audits it", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "clerk" });
    const r = await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD });
    expect(r).toMatchObject({ ok: true, staff: { id: u.id, role: "clerk", municipalityId: m.id } });
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: u.id } });
    expect(events.map((e) => e.action)).toEqual(["staff.sign_in"]);
    expect(events[0].chain).toBe(m.id);
  });

  it("refuses a wrong password and an unknown login id alike", async () => {
    const u = await createStaffUser();
    expect(await verifyCredentials({ loginId: u.loginId, password: "wrong" })).toEqual({ ok: false, code: "invalid_credentials" });
    expect(await verifyCredentials({ loginId: "nobody-here", password: "wrong" })).toEqual({ ok: false, code: "invalid_credentials" });
  });

  it("throttles after repeated failures, then lets the owner in once the wait is over", async () => {
    const u = await createStaffUser();
    const t0 = new Date("2026-11-27T01:00:00Z");
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      expect((await verifyCredentials({ loginId: u.loginId, password: "wrong" }, t0)).ok).toBe(false);
    }
    // Even the right password waits while throttled, with the answer an unknown login id gets …
    const during = await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t0.getTime() + 1000));
    expect(during).toEqual({ ok: false, code: "invalid_credentials" });
    // … and works afterwards: no permanent lockout.
    const after = await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t0.getTime() + 60 * 60_000));
    expect(after.ok).toBe(true);
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.failedSignInCount).toBe(0);
    expect(row.throttledUntil).toBeNull();
  });

  it("refuses a disabled account even with the right password", async () => {
    const u = await createStaffUser({ status: "disabled" });
    expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD })).toEqual({ ok: false, code: "disabled" });
  });

  it("rejects malformed input without touching the database", async () => {
    expect(await verifyCredentials({ loginId: "", password: "" })).toEqual({ ok: false, code: "validation_failed" });
    expect(await verifyCredentials(null)).toEqual({ ok: false, code: "validation_failed" });
  });

  it("N parallel wrong passwords count N (the count is incremented in SQL, no lost update)", async () => {
    const u = await createStaffUser();
    const t0 = new Date("2026-11-27T02:00:00Z");
    const N = 20;
    const results = await Promise.all(Array.from({ length: N }, () => verifyCredentials({ loginId: u.loginId, password: "wrong" }, t0)));
    for (const r of results) expect(r).toEqual({ ok: false, code: "invalid_credentials" });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.failedSignInCount).toBe(N);
    // Each failure saw its own count: 1 … N, none twice.
    expect(await failedCounts(u.id, "staff.sign_in_failed")).toEqual(oneToN(N));
    // The wait started once and was not pushed out by the failures after it.
    expect(row.throttledUntil!.getTime()).toBeGreaterThan(t0.getTime());
    expect(row.throttledUntil!.getTime()).toBeLessThanOrEqual(t0.getTime() + MAX_DELAY_MS);
    expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t0.getTime() + 1000))).toEqual({ ok: false, code: "invalid_credentials" });
  });

  it("a throttled account answers like an unknown login id: same code, one argon2 verification with the same parameters", async () => {
    const u = await createStaffUser();
    const t0 = new Date("2026-11-27T03:00:00Z");
    await ownerDb().staffUser.update({ where: { id: u.id }, data: { failedSignInCount: FREE_ATTEMPTS, throttledUntil: new Date(t0.getTime() + 10 * 60_000) } });
    const unknownId = `nobody-${crypto.randomUUID()}`;
    argonVerify.mockClear();
    const answers = {
      throttledRightPassword: await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t0),
      throttledWrongPassword: await verifyCredentials({ loginId: u.loginId, password: "wrong" }, t0),
      unknownId: await verifyCredentials({ loginId: unknownId, password: TEST_PASSWORD }, t0),
    };
    expect(answers).toEqual({
      throttledRightPassword: { ok: false, code: "invalid_credentials" },
      throttledWrongPassword: { ok: false, code: "invalid_credentials" },
      unknownId: { ok: false, code: "invalid_credentials" },
    });
    // One verification per answer (the same work, hence the same time), the unknown id's against a hash made
    // with the parameters real passwords are stored with.
    expect(argonVerify).toHaveBeenCalledTimes(3);
    const hashes = argonVerify.mock.calls.map(([h]) => String(h));
    expect(hashes.slice(0, 2)).toEqual([u.passwordHash, u.passwordHash]);
    expect(hashes[2]).not.toBe(u.passwordHash);
    expect(argonParams(hashes[2])).toBe(argonParams(u.passwordHash));
    // Hammering an unknown id never yields another answer either.
    for (let i = 0; i < FREE_ATTEMPTS + 2; i++) {
      expect(await verifyCredentials({ loginId: unknownId, password: "wrong" }, t0)).toEqual({ ok: false, code: "invalid_credentials" });
    }
    // The wrong password during the wait counted; the right one did not.
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).failedSignInCount).toBe(FREE_ATTEMPTS + 1);
    const refused = await ownerDb().auditEvent.findMany({ where: { targetId: u.id, action: "staff.sign_in_refused" } });
    expect(refused.map((e) => e.details)).toEqual([{ reason: "throttled" }]);
  });

  it("limits attempts per client address, whatever the login id, without touching the account", async () => {
    const u = await createStaffUser();
    const t = new Date("2026-11-27T04:00:00Z");
    const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID()}`;
    const rule = RATE_LIMITS.signInPerClient;
    // The window's attempts, as spent by earlier sign-ins from this address.
    for (let i = 0; i < rule.limit - 1; i++) await consumeRateLimit(rule, client, t);
    expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t, client)).ok).toBe(true);
    argonVerify.mockClear();
    expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t, client)).toEqual({ ok: false, code: "throttled" });
    expect(await verifyCredentials({ loginId: `nobody-${crypto.randomUUID()}`, password: "wrong" }, t, client)).toEqual({ ok: false, code: "throttled" });
    expect(argonVerify).not.toHaveBeenCalled();
    // Another address is not affected, and the account carries no failure from the refused attempts.
    expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t, `198.51.100.9-${crypto.randomUUID()}`)).ok).toBe(true);
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).failedSignInCount).toBe(0);
    // The next window lets the address in again.
    expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t.getTime() + rule.windowMs), client)).ok).toBe(true);
  });

  it("limits attempts from all addresses together (global limit)", async () => {
    const u = await createStaffUser();
    const t = new Date("2026-11-27T05:00:00Z");
    const rule = RATE_LIMITS.signInGlobal;
    // A fresh global window for this test, and none left behind for the others.
    await ownerDb().publicRateLimit.deleteMany();
    try {
      for (let i = 0; i < rule.limit; i += 10) {
        await Promise.all(Array.from({ length: Math.min(10, rule.limit - i) }, () => consumeRateLimit(rule, GLOBAL_SUBJECT, t)));
      }
      expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t, `192.0.2.1-${crypto.randomUUID()}`)).toEqual({ ok: false, code: "throttled" });
      expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, t)).toEqual({ ok: false, code: "throttled" });
      expect((await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t.getTime() + rule.windowMs))).ok).toBe(true);
    } finally {
      await ownerDb().publicRateLimit.deleteMany();
    }
  });
});

describe("changePassword: a wrong current password counts like a wrong sign-in password", () => {
  const NEW_PASSWORD = "another-password-2026";
  const input = (currentPassword: string) => ({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

  it("shares the counter and the throttle with sign-in", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "clerk" });
    const ctx = ctxOf(u);
    const t0 = new Date("2026-11-27T06:00:00Z");
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      await expect(changePassword({ ctx, input: input("wrong-current"), now: t0 })).rejects.toMatchObject({ code: "invalid_current_password" });
    }
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).failedSignInCount).toBe(FREE_ATTEMPTS - 1);
    // One more wrong password at sign-in starts the wait for both.
    expect(await verifyCredentials({ loginId: u.loginId, password: "wrong" }, t0)).toEqual({ ok: false, code: "invalid_credentials" });
    await expect(changePassword({ ctx, input: input(TEST_PASSWORD), now: new Date(t0.getTime() + 1000) })).rejects.toMatchObject({ code: "throttled", status: 429 });
    expect(await argon2.verify((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).passwordHash, TEST_PASSWORD)).toBe(true);
    // After the wait the change goes through.
    await changePassword({ ctx, input: input(TEST_PASSWORD), now: new Date(t0.getTime() + 60 * 60_000) });
    expect(await argon2.verify((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("N parallel wrong current passwords count N", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "clerk" });
    const ctx = ctxOf(u);
    const t0 = new Date("2026-11-27T07:00:00Z");
    const N = 20;
    const results = await Promise.allSettled(Array.from({ length: N }, () => changePassword({ ctx, input: input("wrong-current"), now: t0 })));
    for (const r of results) {
      expect(r.status).toBe("rejected");
      if (r.status === "rejected") expect(["invalid_current_password", "throttled"]).toContain((r.reason as { code: string }).code);
    }
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.failedSignInCount).toBe(N);
    expect(row.throttledUntil!.getTime()).toBeGreaterThan(t0.getTime());
    expect(await failedCounts(u.id, "staff.password_change_refused")).toEqual(oneToN(N));
    expect(await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t0.getTime() + 1000))).toEqual({ ok: false, code: "invalid_credentials" });
  });
});
