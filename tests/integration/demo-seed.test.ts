// The demo seed itself: idempotent, and no 個人番号 in plaintext anywhere in the database (the same data a
// pg_dump would contain: every row of every table, as text).
import { beforeAll, describe, expect, it } from "vitest";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { isValidMyNumber } from "@/lib/my-number";
import { seedDemoData } from "@/prisma/seed";
import { DEMO_TOTP_SECRETS, staffPlans } from "@/prisma/seed-data/service-config";
import type { RequestContext } from "@/server/context";
import { verifyMfa } from "@/server/staff/verify-mfa";
import { demoCode } from "@/scripts/lib/demo-code";

async function tableCounts() {
  const db = ownerDb();
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

describe("demo seed", () => {
  beforeAll(async () => {
    const first = await seedDemoData(ownerDb(), () => {});
    expect(first.created).toBe(true);
  }, 120_000);

  it("holds the three municipalities, ≥ 200 residents and staff for every role", async () => {
    const db = ownerDb();
    const codes = (await db.municipality.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map((m) => m.code);
    expect(codes).toEqual(["131121", "202029", "205419"]);
    expect(await db.resident.count()).toBeGreaterThanOrEqual(200);
    const roles = new Set((await db.staffUser.findMany({ select: { role: true } })).map((u) => u.role));
    expect([...roles].sort()).toEqual(["auditor", "clerk", "municipal_admin", "operator"]);
  });

  it("enrols every demo account's TOTP with its published secret, stored encrypted", async () => {
    const users = await ownerDb().staffUser.findMany({ select: { loginId: true, mfaSecretCipher: true, mfaEnrolledAt: true, lastTotpStep: true } });
    expect(users.map((u) => u.loginId).sort()).toEqual(staffPlans().map((s) => s.loginId).sort());
    for (const u of users) {
      expect(u.mfaEnrolledAt, u.loginId).not.toBeNull();
      expect(u.lastTotpStep, u.loginId).toBeNull();
      expect(u.mfaSecretCipher, u.loginId).not.toContain(DEMO_TOTP_SECRETS[u.loginId]);
      expect(decryptField(u.mfaSecretCipher!, FieldContext.mfaSecret), u.loginId).toBe(DEMO_TOTP_SECRETS[u.loginId]);
    }
  });

  it("accepts the code `npm run demo:code` gives for a seeded account at the sign-in's MFA step, and only for that account", async () => {
    const now = new Date("2026-12-07T12:00:10+09:00");
    const users = await ownerDb().staffUser.findMany({ select: { id: true, loginId: true, role: true, municipalityId: true } });
    const ctxOf = (u: (typeof users)[number]): RequestContext => ({
      actor: { type: "staff", id: u.id, role: u.role, municipalityId: u.municipalityId },
      municipalityId: u.municipalityId,
      requestId: crypto.randomUUID(),
    });
    const admin = users.find((u) => u.loginId === "setagaya-admin")!;
    const clerk = users.find((u) => u.loginId === "setagaya-clerk")!;
    // Another account's code is refused.
    await expect(verifyMfa({ ctx: ctxOf(clerk), input: { code: demoCode("setagaya-admin", now.getTime())!.code }, now })).rejects.toMatchObject({ code: "invalid_code" });
    for (const u of users) {
      await expect(verifyMfa({ ctx: ctxOf(u), input: { code: demoCode(u.loginId, now.getTime())!.code }, now }), u.loginId).resolves.toBeUndefined();
    }
    expect(await ownerDb().auditEvent.count({ where: { action: "staff.mfa_passed", targetId: admin.id } })).toBe(1);
  });

  it("gives the simulator's API client only what the kiosk simulator and scripts/kiosk call: no imports", async () => {
    const client = await ownerDb().apiClient.findUniqueOrThrow({ where: { keyId: "demo-simulator" } });
    expect(client.scopes).toEqual(["kiosk_issuance", "koseki_intake"]);
  });

  it("gives every 稼働中 municipality a 公印 PNG (none is served without one)", async () => {
    const active = await ownerDb().municipality.findMany({ where: { status: "active" }, select: { code: true, sealImage: true, sealImageMime: true } });
    expect(active.length).toBeGreaterThan(0);
    for (const m of active) {
      expect(m.sealImageMime, m.code).toBe("image/png");
      expect(Buffer.from(m.sealImage ?? []).subarray(0, 8).toString("hex"), m.code).toBe("89504e470d0a1a0a");
    }
  });

  it("holds 利用登録 examples the queue and the status page can use: an overdue one, a web pre-registration, a sent notice", async () => {
    const db = ownerDb();
    const byReceipt = Object.fromEntries((await db.kosekiRegistration.findMany({ include: { notices: true } })).map((r) => [r.receiptNo, r]));
    expect(Object.keys(byReceipt).sort()).toEqual(["RDEM-2025-0004", "RDEM-2026-0001", "RDEM-2026-0002", "RDEM-2026-0003", "RDEM-2026-0005"]);
    expect(byReceipt["RDEM-2026-0002"].dueOn.getTime()).toBeLessThan(Date.now() - 86_400_000);
    expect(byReceipt["RDEM-2026-0005"]).toMatchObject({ source: "web", status: "pending", cardSerial: null });
    expect(decryptField(byReceipt["RDEM-2026-0005"].emailCipher!, FieldContext.registrationEmail)).toBe("demo-applicant-3@example.jp");
    expect(byReceipt["RDEM-2026-0003"].notices).toEqual([expect.objectContaining({ kind: "registration_rejected", status: "sent" })]);
  });

  it("links the 附票 case's husband and wife to one 世田谷区 戸籍, she under a 支援措置 and flagged on her 附票", async () => {
    const db = ownerDb();
    const card = (serial: string) => db.cardCertificate.findFirstOrThrow({ where: { issuer: "JPKI", serial }, include: { resident: { include: { supportMeasures: true } } } });
    const he = (await card("JPKI-131121-900015")).resident;
    const she = (await card("JPKI-131121-900016")).resident;
    expect([he.familyName, he.givenName, she.familyName, she.givenName]).toEqual(["桐山", "修平", "桐山", "美咲"]);
    expect(she.householdId).not.toBe(he.householdId);
    expect(he.supportMeasures).toEqual([]);
    expect(she.supportMeasures).toEqual([expect.objectContaining({ endsOn: null, municipalityId: she.municipalityId })]);

    const members = await db.kosekiMember.findMany({ where: { residentId: { in: [he.id, she.id] } }, include: { kosekiRecord: { include: { municipality: true } }, fuhyoEntries: { orderBy: { position: "asc" } } } });
    expect(members).toHaveLength(2);
    expect(new Set(members.map((m) => m.kosekiRecordId)).size).toBe(1);
    const record = members[0].kosekiRecord;
    expect(record).toMatchObject({ kind: "current", honseki: "東京都世田谷区上馬四丁目21番地", pendingFiling: false, municipality: { code: "131121" } });
    expect(await db.kosekiMember.count({ where: { kosekiRecordId: record.id } })).toBe(2);
    const hers = members.find((m) => m.residentId === she.id)!;
    const his = members.find((m) => m.residentId === he.id)!;
    expect(hers.fuhyoEntries.map((f) => f.supportMeasure)).toEqual([false, false, true]);
    expect(his.fuhyoEntries.some((f) => f.supportMeasure)).toBe(false);
    expect(await db.fuhyoEntry.count({ where: { supportMeasure: true } })).toBe(1);
  });

  it("is idempotent: a second run writes nothing", async () => {
    const before = await tableCounts();
    const second = await seedDemoData(ownerDb(), () => {});
    expect(second.created).toBe(false);
    expect(await tableCounts()).toEqual(before);
  }, 120_000);

  it("stores no 個人番号 in plaintext in any table", async () => {
    const db = ownerDb();
    const residents = await db.resident.findMany({ where: { myNumberCipher: { not: null } }, select: { myNumberCipher: true } });
    expect(residents.length).toBeGreaterThanOrEqual(200);
    const plain = residents.map((r) => decryptField(r.myNumberCipher!, FieldContext.myNumber));
    expect(plain.every(isValidMyNumber)).toBe(true);

    const tables = Object.keys(await tableCounts());
    let dump = "";
    for (const t of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${t}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump.length).toBeGreaterThan(10_000);
    const leaked = plain.filter((n) => dump.includes(n));
    expect(leaked).toEqual([]);
  });
});
