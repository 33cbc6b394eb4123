// The demo seed itself: idempotent, and no 個人番号 in plaintext anywhere in the database (the same data a
// pg_dump would contain: every row of every table, as text).
import { beforeAll, describe, expect, it } from "vitest";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { isValidMyNumber } from "@/lib/my-number";
import { seedDemoData } from "@/prisma/seed";

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

  it("holds 利用登録 examples the queue and the status page can use: an overdue one, a web pre-registration, a sent notice", async () => {
    const db = ownerDb();
    const byReceipt = Object.fromEntries((await db.kosekiRegistration.findMany({ include: { notices: true } })).map((r) => [r.receiptNo, r]));
    expect(Object.keys(byReceipt).sort()).toEqual(["RDEM-2025-0004", "RDEM-2026-0001", "RDEM-2026-0002", "RDEM-2026-0003", "RDEM-2026-0005"]);
    expect(byReceipt["RDEM-2026-0002"].dueOn.getTime()).toBeLessThan(Date.now() - 86_400_000);
    expect(byReceipt["RDEM-2026-0005"]).toMatchObject({ source: "web", status: "pending", cardSerial: null });
    expect(decryptField(byReceipt["RDEM-2026-0005"].emailCipher!, FieldContext.registrationEmail)).toBe("demo-applicant-3@example.jp");
    expect(byReceipt["RDEM-2026-0003"].notices).toEqual([expect.objectContaining({ kind: "registration_rejected", status: "sent" })]);
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
