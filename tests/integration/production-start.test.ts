// Production defaults (issue 14, item 1), from outside: `npm start`'s script is run as a process and must
// refuse to start — with the setting to change — in production mode while a secret is missing, the portal
// address is not https, or the database holds a demo account with the published password, a staff account with
// a published demo TOTP secret, or the demo kiosk client; demo mode (and the demo seed) is refused on an external database. The checks themselves are
// exercised directly too, including the answer "ready" once the demo rows are gone.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_SIMULATOR_DEFAULT_SECRET, DEMO_SIMULATOR_KEY_ID, DEMO_TOTP_SECRETS } from "@/prisma/seed-data/service-config";
import { generateTotpSecret } from "@/server/auth/totp";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { checkProductionReadiness, checkProductionSettings } from "@/server/startup/production-readiness";
import { createStaffUser } from "@/tests/factories";
import { createApiClient } from "@/tests/factories/issuance";
import { ownerDb } from "@/tests/setup/owner-db";
import { runScript as run } from "@/tests/run-script";

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-start-"));
  dataDirs.push(d);
  return d;
}

const goodSettings = () => ({
  NEXTAUTH_URL: "https://portal.example.jp",
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  FIELD_ENCRYPTION_KEYS: process.env.FIELD_ENCRYPTION_KEYS!,
  FIELD_ENCRYPTION_KEY_ID: process.env.FIELD_ENCRYPTION_KEY_ID!,
});

/** Production mode against this file's database: the owner migrates, the app role serves. */
const productionEnv = () => ({
  ...goodSettings(),
  NODE_ENV: "production",
  MIGRATION_DATABASE_URL: process.env.OWNER_DATABASE_URL!,
  DATABASE_URL: process.env.DATABASE_URL!,
  KONBINI_DATA_DIR: tempDataDir(),
});

describe("npm start in production mode", () => {
  it("refuses without secrets and an https address, before starting any database", async () => {
    const dir = tempDataDir();
    const r = await run("scripts/start.ts", [], { NODE_ENV: "production", KONBINI_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain("refusing to start in production mode");
    expect(r.out).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(r.out).toMatch(/FIELD_ENCRYPTION_KEYS/);
    expect(r.out).toMatch(/NEXTAUTH_URL is not set/);
    // No development secrets were generated and no embedded cluster was created.
    expect(fs.existsSync(path.join(dir, "pg"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "dev-secrets.json"))).toBe(false);
  }, 60_000);

  it("refuses an http portal address and the clock override", async () => {
    const r = await run("scripts/start.ts", [], { ...goodSettings(), NODE_ENV: "production", NEXTAUTH_URL: "http://portal.example.jp", ALLOW_CLOCK_OVERRIDE: "true", KONBINI_DATA_DIR: tempDataDir() });
    expect(r.code).toBe(1);
    expect(r.out).toContain('NEXTAUTH_URL "http://portal.example.jp" is not an https:// address');
    expect(r.out).toContain("ALLOW_CLOCK_OVERRIDE");
    expect(r.out).not.toContain("NEXTAUTH_SECRET");
  }, 60_000);

  it("refuses demo mode on an external database (npm start and db:seed)", async () => {
    const start = await run("scripts/start.ts", [], { KONBINI_DEMO: "on", DATABASE_URL: process.env.DATABASE_URL!, KONBINI_DATA_DIR: tempDataDir() });
    expect(start.code).toBe(2);
    expect(start.out).toContain("KONBINI_DEMO=on is refused with an external DATABASE_URL");
    const seed = await run("scripts/db.ts", ["seed"], { DATABASE_URL: process.env.OWNER_DATABASE_URL!, KONBINI_DATA_DIR: tempDataDir() });
    expect(seed.code).toBe(2);
    expect(seed.out).toContain("demo data is written only in demo mode");
    expect(await ownerDb().municipality.count()).toBe(0);
  }, 60_000);

  it("refuses while the database holds a demo account with the published password or the demo kiosk client, and writes no demo data", async () => {
    await createStaffUser({ loginId: "operator", role: "operator", password: DEMO_PASSWORD });
    await createStaffUser({ loginId: "obuse-clerk", password: "a-real-password-chosen-later" }); // demo id, password changed: fine
    const demoClient = await ownerDb().apiClient.create({
      data: { name: "キオスクシミュレーター", keyId: DEMO_SIMULATOR_KEY_ID, secretCipher: encryptField(crypto.randomUUID(), FieldContext.apiClientSecret).cipher },
    });
    const copied = await createApiClient({ secret: DEMO_SIMULATOR_DEFAULT_SECRET }); // another key id, the published secret

    const r = await run("scripts/start.ts", [], productionEnv());
    expect(r.code).toBe(1);
    expect(r.out).toContain('staff account "operator" is a demo account with the published demo password');
    expect(r.out).toContain(`API client "${DEMO_SIMULATOR_KEY_ID}" is the demo kiosk simulator's client`);
    expect(r.out).toContain(`API client "${copied.client.keyId}" uses the published demo secret`);
    expect(r.out).not.toContain("obuse-clerk");
    expect(r.out).not.toContain("[db] empty database: loading demo data");
    expect(await ownerDb().municipality.count()).toBe(0);

    // The same check, read as the app role (what instrumentation.ts runs inside the Next process), agrees;
    // once the demo rows are gone it answers ready.
    const env = { ...process.env, ...goodSettings() };
    expect((await checkProductionReadiness(env, process.env.DATABASE_URL)).map((p) => p.setting)).toEqual([
      'staff account "operator"',
      `API client "${DEMO_SIMULATOR_KEY_ID}"`,
      `API client "${copied.client.keyId}"`,
    ]);
    await ownerDb().staffUser.update({ where: { loginId: "operator" }, data: { status: "disabled" } });
    await ownerDb().apiClient.updateMany({ where: { id: { in: [demoClient.id, copied.client.id] } }, data: { status: "revoked" } });
    expect(await checkProductionReadiness(env, process.env.DATABASE_URL)).toEqual([]);
  }, 120_000);
});

describe("npm start in production mode with a published demo TOTP secret", () => {
  it("refuses while any active staff account's TOTP secret is a demo one (enrolled or pending), never printing it", async () => {
    const mfa = (secret: string) => encryptField(secret, FieldContext.mfaSecret).cipher;
    const enrolledAt = new Date("2026-12-01T00:00:00Z");
    const demoSecret = DEMO_TOTP_SECRETS["setagaya-admin"];
    // A demo login id whose password was changed but whose MFA was kept; a real account given a demo secret
    // copied from the documentation (written in lower case with spaces: the same key); a pending enrolment.
    await createStaffUser({ loginId: "setagaya-admin", password: "a-real-password-chosen-later", mfaSecretCipher: mfa(demoSecret), mfaEnrolledAt: enrolledAt });
    await createStaffUser({ loginId: "ops-copied", mfaSecretCipher: mfa(DEMO_TOTP_SECRETS.operator.toLowerCase().replace(/(.{4})/g, "$1 ")), mfaEnrolledAt: enrolledAt });
    await createStaffUser({ loginId: "ops-pending", mfaSecretCipher: mfa(DEMO_TOTP_SECRETS["obuse-clerk"]) });
    // Not flagged: an own secret, and a disabled account that cannot sign in.
    await createStaffUser({ loginId: "ops-own", mfaSecretCipher: mfa(generateTotpSecret()), mfaEnrolledAt: enrolledAt });
    await createStaffUser({ loginId: "ops-disabled", status: "disabled", mfaSecretCipher: mfa(demoSecret), mfaEnrolledAt: enrolledAt });

    const r = await run("scripts/start.ts", [], productionEnv());
    expect(r.code, r.out).toBe(1);
    for (const id of ["setagaya-admin", "ops-copied", "ops-pending"]) expect(r.out).toContain(`staff account "${id}" has a published demo TOTP secret`);
    expect(r.out).not.toContain("ops-own");
    expect(r.out).not.toContain("ops-disabled");
    expect(r.out).not.toContain("published demo password");
    for (const secret of Object.values(DEMO_TOTP_SECRETS)) expect(r.out.toUpperCase()).not.toContain(secret.slice(0, 8));

    // As the app role (instrumentation.ts); clean once the MFA of each is reset.
    const env = { ...process.env, ...goodSettings() };
    expect((await checkProductionReadiness(env, process.env.DATABASE_URL)).map((p) => p.setting)).toEqual(['staff account "ops-copied"', 'staff account "ops-pending"', 'staff account "setagaya-admin"']);
    await ownerDb().staffUser.updateMany({ where: { loginId: { in: ["setagaya-admin", "ops-copied", "ops-pending"] } }, data: { mfaSecretCipher: null, mfaEnrolledAt: null } });
    expect(await checkProductionReadiness(env, process.env.DATABASE_URL)).toEqual([]);
  }, 120_000);
});

describe("npm run staff:create-operator (the first account of a production installation)", () => {
  it("creates an operator with a temporary password shown once, audited; refuses a taken login id and bad arguments", async () => {
    const env = productionEnv();
    const args = ["--login-id", "ops-first", "--name", "運用 一郎"];
    const r = await run("scripts/create-operator.ts", args, env, { serverOnly: true });
    expect(r.code, r.out).toBe(0);
    const password = /shown once\): (\S+)/.exec(r.out)?.[1];
    expect(password).toBeDefined();
    const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { loginId: "ops-first" } });
    expect(row).toMatchObject({ role: "operator", municipalityId: null, mustChangePassword: true, displayName: "運用 一郎" });
    expect(await verify(row.passwordHash, password!)).toBe(true);
    expect(await ownerDb().auditEvent.count({ where: { targetId: row.id, action: "staff.user_created" } })).toBe(1);

    const operators = await ownerDb().staffUser.count({ where: { role: "operator" } });
    const again = await run("scripts/create-operator.ts", args, env, { serverOnly: true });
    expect(again.code).toBe(1);
    expect(again.out).toContain("already in use");
    const bad = await run("scripts/create-operator.ts", ["--login-id", "Bad Id!", "--name", "x"], env, { serverOnly: true });
    expect(bad.code).toBe(2);
    expect(await ownerDb().staffUser.count({ where: { role: "operator" } })).toBe(operators);
  }, 120_000);
});

describe("checkProductionSettings", () => {
  it("accepts complete settings and names each missing or unsafe one", () => {
    expect(checkProductionSettings(goodSettings())).toEqual([]);
    const bad = checkProductionSettings({ NEXTAUTH_SECRET: "short", FIELD_ENCRYPTION_KEYS: "k1:AAAA", NEXTAUTH_URL: "not a url" });
    expect(bad.map((p) => p.setting)).toEqual(["NEXTAUTH_SECRET", "FIELD_ENCRYPTION_KEYS", "NEXTAUTH_URL"]);
    expect(bad[0].message).toContain("shorter than 32 characters");
  });

  it("requires the verification page's address printed on certificates to be https when it is set apart from NEXTAUTH_URL", () => {
    expect(checkProductionSettings({ ...goodSettings(), VERIFY_BASE_URL: "https://shomei.example.jp" })).toEqual([]);
    expect(checkProductionSettings({ ...goodSettings(), VERIFY_BASE_URL: "http://shomei.example.jp" }).map((p) => p.setting)).toEqual(["VERIFY_BASE_URL"]);
  });
});
