import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { FREE_ATTEMPTS } from "@/server/auth/throttle";
import { createMunicipality, createStaffUser, TEST_PASSWORD } from "../factories";

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
    // Even the right password waits while throttled …
    const during = await verifyCredentials({ loginId: u.loginId, password: TEST_PASSWORD }, new Date(t0.getTime() + 1000));
    expect(during).toMatchObject({ ok: false, code: "throttled" });
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
});
