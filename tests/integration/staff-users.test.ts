import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import { changePassword } from "@/server/staff/change-password";
import { changeRole } from "@/server/staff/change-role";
import { createStaffUser as createStaffUserVerb } from "@/server/staff/create-staff-user";
import { disableStaffUser } from "@/server/staff/disable-staff-user";
import { enableStaffUser } from "@/server/staff/enable-staff-user";
import { listStaff } from "@/server/staff/list-staff";
import { resetPassword } from "@/server/staff/reset-password";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { createMunicipality, createStaffUser, TEST_PASSWORD } from "../factories";

function ctxOf(u: { id: string; role: StaffRole; municipalityId: string | null }): RequestContext {
  return { actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId }, municipalityId: u.municipalityId, requestId: crypto.randomUUID() };
}

async function twoTenants() {
  const a = await createMunicipality();
  const b = await createMunicipality();
  const adminA = await createStaffUser({ municipalityId: a.id, role: "municipal_admin" });
  const adminB = await createStaffUser({ municipalityId: b.id, role: "municipal_admin" });
  const clerkA = await createStaffUser({ municipalityId: a.id, role: "clerk" });
  const clerkB = await createStaffUser({ municipalityId: b.id, role: "clerk" });
  return { a, b, adminA, adminB, clerkA, clerkB };
}

const NEW_PASSWORD = "a-brand-new-passphrase-2026";

describe("staff user management", () => {
  it("lists only the administrator's own municipality; the operator sees all", async () => {
    const { adminA, clerkA, clerkB, adminB } = await twoTenants();
    const operator = await createStaffUser({ role: "operator", municipalityId: null });
    const listA = await listStaff({ ctx: ctxOf(adminA) });
    expect(listA.map((u) => u.id).sort()).toEqual([adminA.id, clerkA.id].sort());
    expect(listA.find((u) => u.id === adminA.id)?.isSelf).toBe(true);
    const all = (await listStaff({ ctx: ctxOf(operator) })).map((u) => u.id);
    expect(all).toEqual(expect.arrayContaining([adminA.id, clerkA.id, adminB.id, clerkB.id, operator.id]));
  });

  it("refuses clerks and auditors", async () => {
    const { clerkA } = await twoTenants();
    await expect(listStaff({ ctx: ctxOf(clerkA) })).rejects.toMatchObject({ code: "forbidden" });
    await expect(disableStaffUser({ ctx: ctxOf(clerkA), input: { staffUserId: clerkA.id, confirm: true } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("creates a user in the administrator's own municipality, whatever the payload says, and audits it", async () => {
    const { a, b, adminA } = await twoTenants();
    const { id } = await createStaffUserVerb({
      ctx: ctxOf(adminA),
      input: { loginId: `new-clerk-${Date.now()}`, displayName: "新規 職員", role: "clerk", municipalityCode: b.code, initialPassword: NEW_PASSWORD },
    });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id } });
    expect(row.municipalityId).toBe(a.id);
    expect(row.mustChangePassword).toBe(true);
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: id } });
    expect(events.map((e) => [e.action, e.chain])).toEqual([["staff.user_created", a.id]]);
  });

  it("an administrator cannot create an operator; the operator creates in a named municipality", async () => {
    const { b, adminA } = await twoTenants();
    await expect(
      createStaffUserVerb({ ctx: ctxOf(adminA), input: { loginId: `op-${Date.now()}`, displayName: "x", role: "operator", initialPassword: NEW_PASSWORD } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const operator = await createStaffUser({ role: "operator", municipalityId: null });
    const { id } = await createStaffUserVerb({
      ctx: ctxOf(operator),
      input: { loginId: `b-auditor-${Date.now()}`, displayName: "監査 担当", role: "auditor", municipalityCode: b.code, initialPassword: NEW_PASSWORD },
    });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id } })).municipalityId).toBe(b.id);
    await expect(
      createStaffUserVerb({ ctx: ctxOf(operator), input: { loginId: `nomuni-${Date.now()}`, displayName: "x", role: "clerk", initialPassword: NEW_PASSWORD } }),
    ).rejects.toMatchObject({ code: "municipality_required" });
  });

  it("refuses a taken login id and a password equal to the login id", async () => {
    const { adminA, clerkA } = await twoTenants();
    await expect(
      createStaffUserVerb({ ctx: ctxOf(adminA), input: { loginId: clerkA.loginId, displayName: "x", role: "clerk", initialPassword: NEW_PASSWORD } }),
    ).rejects.toMatchObject({ code: "login_id_taken" });
    await expect(
      createStaffUserVerb({ ctx: ctxOf(adminA), input: { loginId: "same-as-password", displayName: "x", role: "clerk", initialPassword: "same-as-password" } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("cross-tenant: an administrator of A cannot disable, enable, re-role or reset users of B", async () => {
    const { adminA, clerkB } = await twoTenants();
    const ctx = ctxOf(adminA);
    const ref = { staffUserId: clerkB.id };
    await expect(disableStaffUser({ ctx, input: { ...ref, confirm: true } })).rejects.toMatchObject({ code: "not_found" });
    await expect(enableStaffUser({ ctx, input: ref })).rejects.toMatchObject({ code: "not_found" });
    await expect(changeRole({ ctx, input: { ...ref, role: "auditor" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(resetPassword({ ctx, input: { ...ref, confirm: true } })).rejects.toMatchObject({ code: "not_found" });
    const after = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: clerkB.id } });
    expect(after).toMatchObject({ status: "active", role: "clerk", sessionVersion: clerkB.sessionVersion, passwordHash: clerkB.passwordHash });
    expect(await ownerDb().auditEvent.count({ where: { targetId: clerkB.id } })).toBe(0);
  });

  it("an administrator cannot touch an operator account", async () => {
    const { adminA } = await twoTenants();
    const operator = await createStaffUser({ role: "operator", municipalityId: null });
    await expect(disableStaffUser({ ctx: ctxOf(adminA), input: { staffUserId: operator.id, confirm: true } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("disabling bumps sessionVersion (sessions end at the next request) and is audited; enabling restores", async () => {
    const { a, adminA, clerkA } = await twoTenants();
    await disableStaffUser({ ctx: ctxOf(adminA), input: { staffUserId: clerkA.id, confirm: true } });
    const disabled = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: clerkA.id } });
    expect(disabled.status).toBe("disabled");
    // getStaffSession compares the JWT's sessionVersion with this one: the old session no longer matches.
    expect(disabled.sessionVersion).toBe(clerkA.sessionVersion + 1);
    await enableStaffUser({ ctx: ctxOf(adminA), input: { staffUserId: clerkA.id } });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: clerkA.id } })).status).toBe("active");
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: clerkA.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.chain])).toEqual([
      ["staff.user_disabled", a.id],
      ["staff.user_enabled", a.id],
    ]);
  });

  it("nobody disables themselves or removes the last administrator", async () => {
    const { a, adminA } = await twoTenants();
    await expect(disableStaffUser({ ctx: ctxOf(adminA), input: { staffUserId: adminA.id, confirm: true } })).rejects.toMatchObject({ code: "cannot_change_self" });
    await expect(changeRole({ ctx: ctxOf(adminA), input: { staffUserId: adminA.id, role: "clerk" } })).rejects.toMatchObject({ code: "cannot_change_self" });
    // The operator cannot take away A's only administrator either.
    const operator = await createStaffUser({ role: "operator", municipalityId: null });
    await expect(disableStaffUser({ ctx: ctxOf(operator), input: { staffUserId: adminA.id, confirm: true } })).rejects.toMatchObject({ code: "last_admin" });
    await expect(changeRole({ ctx: ctxOf(operator), input: { staffUserId: adminA.id, role: "clerk" } })).rejects.toMatchObject({ code: "last_admin" });
    // With a second administrator it is allowed.
    const admin2 = await createStaffUser({ municipalityId: a.id, role: "municipal_admin" });
    await changeRole({ ctx: ctxOf(admin2), input: { staffUserId: adminA.id, role: "clerk" } });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: adminA.id } })).role).toBe("clerk");
    await expect(disableStaffUser({ ctx: ctxOf(operator), input: { staffUserId: admin2.id, confirm: true } })).rejects.toMatchObject({ code: "last_admin" });
  });

  it("the last active operator cannot be disabled", async () => {
    const db = ownerDb();
    // Other test files use their own databases; here, make this the only active operator.
    await db.staffUser.updateMany({ where: { role: "operator" }, data: { status: "disabled" } });
    const op1 = await createStaffUser({ role: "operator", municipalityId: null });
    const op2 = await createStaffUser({ role: "operator", municipalityId: null });
    await disableStaffUser({ ctx: ctxOf(op1), input: { staffUserId: op2.id, confirm: true } });
    const op3 = await createStaffUser({ role: "operator", municipalityId: null, status: "disabled" });
    await enableStaffUser({ ctx: ctxOf(op1), input: { staffUserId: op3.id } });
    await disableStaffUser({ ctx: ctxOf(op3), input: { staffUserId: op1.id, confirm: true } });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: op1.id } })).status).toBe("disabled");
  });

  it("an administrator resets a password: sessions end, throttle clears, change required at next sign-in", async () => {
    const { adminA, clerkA } = await twoTenants();
    await ownerDb().staffUser.update({ where: { id: clerkA.id }, data: { failedSignInCount: 7, throttledUntil: new Date(Date.now() + 600_000) } });
    const { temporaryPassword } = await resetPassword({ ctx: ctxOf(adminA), input: { staffUserId: clerkA.id, confirm: true } });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: clerkA.id } });
    expect(await verify(row.passwordHash, temporaryPassword)).toBe(true);
    expect(row).toMatchObject({ failedSignInCount: 0, throttledUntil: null, mustChangePassword: true, sessionVersion: clerkA.sessionVersion + 1 });
  });
});

describe("changePassword (own)", () => {
  it("needs the current password, refuses short or login-id passwords, and ends sessions on success", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "clerk", mustChangePassword: true });
    const ctx = ctxOf(u);
    await expect(
      changePassword({ ctx, input: { currentPassword: "wrong", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }),
    ).rejects.toMatchObject({ code: "invalid_current_password" });
    await expect(
      changePassword({ ctx, input: { currentPassword: TEST_PASSWORD, newPassword: "short-pw", confirmPassword: "short-pw" } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const loginIdPassword = u.loginId; // the factory's ids are longer than 12 characters
    await expect(
      changePassword({ ctx, input: { currentPassword: TEST_PASSWORD, newPassword: loginIdPassword, confirmPassword: loginIdPassword } }),
    ).rejects.toMatchObject({ code: "password_equals_login_id" });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(u.passwordHash);

    await changePassword({ ctx, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verify(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(row).toMatchObject({ mustChangePassword: false, sessionVersion: u.sessionVersion + 1 });
    const actions = (await ownerDb().auditEvent.findMany({ where: { targetId: u.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["staff.password_change_refused", "staff.password_changed"]);
  });
});
