import { verify } from "@node-rs/argon2";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { totpCode } from "@/server/auth/totp";
import type { RequestContext } from "@/server/context";
import { ownerDb } from "@/tests/setup/owner-db";
import type { StaffRole } from "@/server/generated/prisma/enums";
import { beginMfaEnrolment } from "@/server/staff/begin-mfa-enrolment";
import { changePassword } from "@/server/staff/change-password";
import { changeRole } from "@/server/staff/change-role";
import { confirmMfaEnrolment } from "@/server/staff/confirm-mfa-enrolment";
import { disableStaffUser } from "@/server/staff/disable-staff-user";
import { getStaffUser } from "@/server/staff/get-staff-user";
import { redeemRecoveryCode } from "@/server/staff/redeem-recovery-code";
import { regenerateRecoveryCodes } from "@/server/staff/regenerate-recovery-codes";
import { resetMfa } from "@/server/staff/reset-mfa";
import { resetPassword } from "@/server/staff/reset-password";
import { createMunicipality, createStaffUser, TEST_PASSWORD } from "../factories";

// The session gate (server/auth/require-staff.ts) reads the next-auth JWT through getServerSession; here the
// "cookie" is whatever the test puts in `jwt`, and the user row is the real one in PostgreSQL.
const jwt = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => jwt.current) }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
}));
const { getStaffSession, getStaffSessionForPasswordChange, requireStaff, PASSWORD_CHANGE_PATH } = await import("@/server/auth/require-staff");

function ctxOf(u: { id: string; role: StaffRole; municipalityId: string | null }): RequestContext {
  return { actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId }, municipalityId: u.municipalityId, requestId: crypto.randomUUID() };
}

// A fixed instant: codes and signatures are made and judged on the same clock, whatever the day.
const NOW = new Date("2026-11-27T10:00:00+09:00");

/** A signed-in, MFA-passed session of `user` as its JWT says right now. */
async function signInAs(userId: string) {
  const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: userId } });
  const now = Math.floor(Date.now() / 1000);
  jwt.current = { staffId: row.id, sessionVersion: row.sessionVersion, signedInAt: now, lastActivity: now, mfaPassed: true };
}

/** Gives a user an enrolled TOTP secret (through the real verbs); returns the secret and recovery codes. */
async function enrol(u: { id: string; role: StaffRole; municipalityId: string | null }) {
  const ctx = ctxOf(u);
  const { secret, qrCodeDataUri } = await beginMfaEnrolment({ ctx });
  const now = NOW;
  const { recoveryCodes } = await confirmMfaEnrolment({ ctx, input: { code: totpCode(secret, now.getTime()) }, now });
  return { secret, recoveryCodes, qrCodeDataUri };
}

async function tenants() {
  // 松本市 and 世田谷区 in spirit: two municipalities, each with an administrator and a clerk.
  const matsumoto = await createMunicipality();
  const setagaya = await createMunicipality();
  const matsumotoAdmin = await createStaffUser({ municipalityId: matsumoto.id, role: "municipal_admin" });
  const matsumotoClerk = await createStaffUser({ municipalityId: matsumoto.id, role: "clerk" });
  const setagayaAdmin = await createStaffUser({ municipalityId: setagaya.id, role: "municipal_admin" });
  const setagayaClerk = await createStaffUser({ municipalityId: setagaya.id, role: "clerk" });
  return { matsumoto, setagaya, matsumotoAdmin, matsumotoClerk, setagayaAdmin, setagayaClerk };
}

const auditActions = async (targetId: string) =>
  (await ownerDb().auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" } })).map((e) => e.action);

beforeEach(() => {
  jwt.current = null;
});

describe("staff detail (getStaffUser)", () => {
  it("shows a user of the administrator's municipality with the roles they may grant; others are not found", async () => {
    const { matsumotoAdmin, matsumotoClerk, setagayaClerk } = await tenants();
    const operator = await createStaffUser({ role: "operator", municipalityId: null });
    const ctx = ctxOf(matsumotoAdmin);
    const detail = await getStaffUser({ ctx, input: { staffUserId: matsumotoClerk.id } });
    expect(detail).toMatchObject({ id: matsumotoClerk.id, loginId: matsumotoClerk.loginId, role: "clerk", status: "active", isSelf: false, mfaEnrolled: false });
    expect(detail.roleChoices).toEqual(["municipal_admin", "clerk", "auditor"]);
    expect((await getStaffUser({ ctx, input: { staffUserId: matsumotoAdmin.id } })).roleChoices).toEqual([]);
    await expect(getStaffUser({ ctx, input: { staffUserId: setagayaClerk.id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getStaffUser({ ctx, input: { staffUserId: operator.id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getStaffUser({ ctx: ctxOf(matsumotoClerk), input: { staffUserId: matsumotoClerk.id } })).rejects.toMatchObject({ code: "forbidden" });
    // The operator sees everyone; an operator account can only stay an operator.
    const op2 = await createStaffUser({ role: "operator", municipalityId: null });
    expect((await getStaffUser({ ctx: ctxOf(operator), input: { staffUserId: setagayaClerk.id } })).roleChoices).toEqual(["municipal_admin", "clerk", "auditor"]);
    expect((await getStaffUser({ ctx: ctxOf(operator), input: { staffUserId: op2.id } })).roleChoices).toEqual(["operator"]);
  });
});

describe("changeRole", () => {
  it("an administrator cannot grant operator; the change is audited with from/to", async () => {
    const { matsumoto, matsumotoAdmin, matsumotoClerk } = await tenants();
    const ctx = ctxOf(matsumotoAdmin);
    await expect(changeRole({ ctx, input: { staffUserId: matsumotoClerk.id, role: "operator" } })).rejects.toMatchObject({ code: "forbidden" });
    await changeRole({ ctx, input: { staffUserId: matsumotoClerk.id, role: "auditor" } });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: matsumotoClerk.id } })).role).toBe("auditor");
    const ev = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: matsumotoClerk.id, action: "staff.role_changed" } });
    expect(ev).toMatchObject({ chain: matsumoto.id, details: { from: "clerk", to: "auditor" } });
  });

  it("cross-tenant: an administrator of 松本市 cannot re-role a 世田谷区 user", async () => {
    const { matsumotoAdmin, setagayaClerk } = await tenants();
    await expect(changeRole({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: setagayaClerk.id, role: "auditor" } })).rejects.toMatchObject({ code: "not_found" });
    expect((await ownerDb().staffUser.findUniqueOrThrow({ where: { id: setagayaClerk.id } })).role).toBe("clerk");
  });
});

describe("resetPassword (temporary password)", () => {
  it("generates a temporary password shown once, forces a change, ends sessions, and never audits the password", async () => {
    const { matsumotoAdmin, matsumotoClerk } = await tenants();
    const { temporaryPassword } = await resetPassword({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: matsumotoClerk.id, confirm: true } });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: matsumotoClerk.id } });
    expect(await verify(row.passwordHash, temporaryPassword)).toBe(true);
    expect(await verify(row.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: matsumotoClerk.sessionVersion + 1 });
    const events = await ownerDb().auditEvent.findMany({ where: { targetId: matsumotoClerk.id } });
    expect(events.map((e) => e.action)).toEqual(["staff.password_reset"]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain(temporaryPassword);
    // A second reset gives another password.
    const again = await resetPassword({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: matsumotoClerk.id, confirm: true } });
    expect(again.temporaryPassword).not.toBe(temporaryPassword);
  });

  it("needs the confirmation, refuses oneself and other municipalities", async () => {
    const { matsumotoAdmin, matsumotoClerk, setagayaClerk } = await tenants();
    const ctx = ctxOf(matsumotoAdmin);
    await expect(resetPassword({ ctx, input: { staffUserId: matsumotoClerk.id, confirm: false } })).rejects.toMatchObject({
      code: "validation_failed",
      details: { errors: [{ path: "confirm", message: "パスワードをリセットする場合は、確認のチェックを入れてください。" }] },
    });
    await expect(resetPassword({ ctx, input: { staffUserId: matsumotoAdmin.id, confirm: true } })).rejects.toMatchObject({ code: "cannot_change_self" });
    await expect(resetPassword({ ctx, input: { staffUserId: setagayaClerk.id, confirm: true } })).rejects.toMatchObject({ code: "not_found" });
    const untouched = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: setagayaClerk.id } });
    expect(untouched).toMatchObject({ passwordHash: setagayaClerk.passwordHash, sessionVersion: setagayaClerk.sessionVersion, mustChangePassword: false });
    expect(await auditActions(setagayaClerk.id)).toEqual([]);
  });
});

describe("resetMfa", () => {
  it("clears the TOTP enrolment and recovery codes, ends sessions and is audited; the user must enrol again", async () => {
    const { matsumoto, matsumotoAdmin, matsumotoClerk } = await tenants();
    const { recoveryCodes } = await enrol(matsumotoClerk);
    const before = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: matsumotoClerk.id } });
    await resetMfa({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: matsumotoClerk.id, confirm: true } });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: matsumotoClerk.id } });
    expect(before.lastTotpStep).not.toBeNull();
    expect(row).toMatchObject({ mfaSecretCipher: null, mfaEnrolledAt: null, lastTotpStep: null, sessionVersion: before.sessionVersion + 1 });
    expect(await ownerDb().mfaRecoveryCode.count({ where: { staffUserId: matsumotoClerk.id } })).toBe(0);
    await expect(redeemRecoveryCode({ ctx: ctxOf(matsumotoClerk), input: { code: recoveryCodes[0] } })).rejects.toMatchObject({ code: "mfa_not_enrolled" });
    const ev = await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: matsumotoClerk.id, action: "staff.mfa_reset" } });
    expect(ev.chain).toBe(matsumoto.id);
    // Enrolment can start over.
    const again = await beginMfaEnrolment({ ctx: ctxOf(matsumotoClerk) });
    expect(again.secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("needs the confirmation, refuses oneself and other municipalities", async () => {
    const { matsumotoAdmin, matsumotoClerk, setagayaClerk } = await tenants();
    await enrol(setagayaClerk);
    const ctx = ctxOf(matsumotoAdmin);
    await expect(resetMfa({ ctx, input: { staffUserId: matsumotoClerk.id } })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(resetMfa({ ctx, input: { staffUserId: matsumotoAdmin.id, confirm: true } })).rejects.toMatchObject({ code: "cannot_change_self" });
    await expect(resetMfa({ ctx, input: { staffUserId: setagayaClerk.id, confirm: true } })).rejects.toMatchObject({ code: "not_found" });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: setagayaClerk.id } });
    expect(row.mfaEnrolledAt).not.toBeNull();
    expect(await ownerDb().mfaRecoveryCode.count({ where: { staffUserId: setagayaClerk.id } })).toBe(10);
    await expect(resetMfa({ ctx: ctxOf(matsumotoClerk), input: { staffUserId: setagayaClerk.id, confirm: true } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("regenerateRecoveryCodes (own)", () => {
  it("needs a current TOTP code; replaces every old code with 10 new ones shown once", async () => {
    const { matsumotoClerk } = await tenants();
    const { secret, recoveryCodes: old, qrCodeDataUri } = await enrol(matsumotoClerk);
    expect(qrCodeDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCodeDataUri.split(",")[1], "base64").toString()).toContain("<svg");
    const ctx = ctxOf(matsumotoClerk);
    // A minute after the enrolment: the enrolment's own code (time step) cannot be used again.
    const now = new Date(NOW.getTime() + 60_000);
    await expect(regenerateRecoveryCodes({ ctx, input: { code: totpCode(secret, NOW.getTime()) }, now: NOW })).rejects.toMatchObject({ code: "invalid_code" });
    await expect(regenerateRecoveryCodes({ ctx, input: { code: totpCode(secret, now.getTime() + 10 * 60_000) }, now })).rejects.toMatchObject({ code: "invalid_code" });
    await expect(regenerateRecoveryCodes({ ctx, input: { code: "12" }, now })).rejects.toMatchObject({ code: "validation_failed" });
    // The refused attempt changed nothing: an old code still works.
    await redeemRecoveryCode({ ctx, input: { code: old[0] } });

    const { recoveryCodes } = await regenerateRecoveryCodes({ ctx, input: { code: totpCode(secret, now.getTime()) }, now });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => old.includes(c))).toBe(false);
    // The same code a second time mints nothing.
    await expect(regenerateRecoveryCodes({ ctx, input: { code: totpCode(secret, now.getTime()) }, now })).rejects.toMatchObject({ code: "invalid_code" });
    expect(await ownerDb().mfaRecoveryCode.count({ where: { staffUserId: matsumotoClerk.id, usedAt: null } })).toBe(10);
    await expect(redeemRecoveryCode({ ctx, input: { code: old[1] } })).rejects.toMatchObject({ code: "invalid_code" });
    expect((await redeemRecoveryCode({ ctx, input: { code: recoveryCodes[0] } })).remaining).toBe(9);
    expect(await auditActions(matsumotoClerk.id)).toContain("staff.recovery_codes_regenerated");
  });

  it("refuses an account without MFA", async () => {
    const { matsumotoClerk } = await tenants();
    await expect(regenerateRecoveryCodes({ ctx: ctxOf(matsumotoClerk), input: { code: "123456" } })).rejects.toMatchObject({ code: "mfa_not_enrolled" });
  });
});

describe("session gate", () => {
  it("disabling ends the user's session at the next request", async () => {
    const { matsumotoAdmin, matsumotoClerk } = await tenants();
    await enrol(matsumotoClerk);
    await signInAs(matsumotoClerk.id);
    expect((await getStaffSession())?.staffId).toBe(matsumotoClerk.id);
    await disableStaffUser({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: matsumotoClerk.id, confirm: true } });
    expect(await getStaffSession()).toBeNull();
    await expect(requireStaff()).rejects.toMatchObject({ redirectTo: "/login" });
  });

  it("a password reset ends the session; with the temporary password the portal is closed until the change, which clears the flag", async () => {
    const { matsumotoAdmin, matsumotoClerk } = await tenants();
    await enrol(matsumotoClerk);
    await signInAs(matsumotoClerk.id);
    expect((await getStaffSession())?.staffId).toBe(matsumotoClerk.id);
    const { temporaryPassword } = await resetPassword({ ctx: ctxOf(matsumotoAdmin), input: { staffUserId: matsumotoClerk.id, confirm: true } });
    expect(await getStaffSession()).toBeNull();
    expect(await getStaffSessionForPasswordChange()).toBeNull();

    // Signed in again with the temporary password (a new session carries the new sessionVersion).
    await signInAs(matsumotoClerk.id);
    expect(await getStaffSession()).toBeNull(); // actions and route handlers refuse
    const pending = await getStaffSessionForPasswordChange();
    expect(pending).toMatchObject({ staffId: matsumotoClerk.id, mustChangePassword: true });
    await expect(requireStaff()).rejects.toMatchObject({ redirectTo: PASSWORD_CHANGE_PATH });
    await expect(requireStaff("clerk")).rejects.toMatchObject({ redirectTo: PASSWORD_CHANGE_PATH });

    const newPassword = "my-own-new-password-2026";
    await changePassword({ ctx: pending!.ctx, input: { currentPassword: temporaryPassword, newPassword, confirmPassword: newPassword } });
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: matsumotoClerk.id } });
    expect(row.mustChangePassword).toBe(false);
    // The change ends that session too; the next sign-in opens the portal.
    expect(await getStaffSessionForPasswordChange()).toBeNull();
    await signInAs(matsumotoClerk.id);
    expect((await getStaffSession())?.staffId).toBe(matsumotoClerk.id);
    expect((await requireStaff()).staffId).toBe(matsumotoClerk.id);
  });

  it("a new account's initial password must be changed too", async () => {
    const m = await createMunicipality();
    const u = await createStaffUser({ municipalityId: m.id, role: "auditor", mustChangePassword: true });
    await enrol(u);
    await signInAs(u.id);
    expect(await getStaffSession()).toBeNull();
    await expect(requireStaff()).rejects.toMatchObject({ redirectTo: PASSWORD_CHANGE_PATH });
  });
});
