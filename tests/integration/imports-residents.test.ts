// 住民・世帯 imports: encodings, line-numbered errors with nothing imported, idempotent re-import, full and
// delta semantics, 個人番号 encrypted at rest, the job record and its audit event.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decryptField, FieldContext } from "@/server/crypto/field-encryption";
import { ownerDb } from "@/tests/setup/owner-db";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { UUID7 } from "@/server/imports/sql";
import { createMunicipality } from "../factories";
import { importText, RESIDENT_KEYS, residentRow, toCsv, toJsonLines } from "../factories/imports";

const LABELS = ["住民番号", "世帯番号", "住所", "氏", "名", "氏カナ", "名カナ", "生年月日", "性別", "世帯主", "続柄", "住民となった日", "住所を定めた日", "個人番号"];
const LABEL_KEYS = ["residentNo", "householdNo", "householdAddress", "familyName", "givenName", "familyNameKana", "givenNameKana", "dateOfBirth", "sex", "isHouseholdHead", "relationship", "becameResidentOn", "addressSetOn", "myNumber"];

/** A CSV with Japanese headers, as a back-office system writes it. */
function japaneseCsv(rows: Array<Record<string, string>>): string {
  return toCsv(LABELS, rows.map((r) => Object.fromEntries(LABEL_KEYS.map((k, i) => [LABELS[i], r[k] ?? ""]))));
}

function household(size: number) {
  const head = residentRow({ familyName: "髙橋", givenName: "①郎" });
  const rows = [head];
  for (let i = 1; i < size; i++) rows.push(residentRow({ householdNo: head.householdNo, householdAddress: head.householdAddress, isHouseholdHead: "0", relationship: i === 1 ? "妻" : "子", sex: i === 1 ? "女" : "男" }));
  return rows;
}

describe("residents import", () => {
  it("imports a UTF-8 CSV with a BOM and Japanese headers, encrypting 個人番号", async () => {
    const m = await createMunicipality();
    const rows = [...household(3), ...household(2)];
    const result = await importText({ municipalityId: m.id, feed: "residents", text: "\uFEFF" + japaneseCsv(rows), fileName: "jumin.csv" });
    expect(result).toMatchObject({ status: "succeeded", rowsTotal: 5, rowsInserted: 5, rowsUpdated: 0, rowsRemoved: 0, errorCount: 0 });
    const db = ownerDb();
    expect(await db.household.count({ where: { municipalityId: m.id } })).toBe(2);
    const head = await db.resident.findUniqueOrThrow({ where: { municipalityId_residentNo: { municipalityId: m.id, residentNo: rows[0].residentNo } }, include: { household: true } });
    expect(head).toMatchObject({ familyName: "髙橋", givenName: "①郎", sex: "male", isHouseholdHead: true, status: "active" });
    expect(head.household.address).toBe(rows[0].householdAddress);
    expect(head.myNumberCipher).not.toContain(rows[0].myNumber);
    expect(decryptField(head.myNumberCipher!, FieldContext.myNumber)).toBe(rows[0].myNumber);
    const job = await db.importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job).toMatchObject({ status: "succeeded", feed: "residents", mode: "full", source: "cli", fileName: "jumin.csv", rowsInserted: 5 });
    expect(job.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: result.jobId } });
    expect(audit).toMatchObject({ action: "import.succeeded", municipalityId: m.id });
    expect(JSON.stringify(audit.details)).not.toContain("髙橋");
    expect(await verifyAuditChain(db, m.id)).toMatchObject({ ok: true });
  });

  it("imports the same data from Shift_JIS (CP932, with NEC/IBM extended characters) identically", async () => {
    const m = await createMunicipality();
    const rows = household(3);
    const result = await importText({ municipalityId: m.id, feed: "residents", text: japaneseCsv(rows), encoding: "shift_jis" });
    expect(result).toMatchObject({ status: "succeeded", rowsInserted: 3 });
    const head = await ownerDb().resident.findUniqueOrThrow({ where: { municipalityId_residentNo: { municipalityId: m.id, residentNo: rows[0].residentNo } } });
    expect(`${head.familyName}${head.givenName}`).toBe("髙橋①郎");
    // Read as UTF-8 by mistake: refused with a message about the encoding, nothing imported.
    const m2 = await createMunicipality();
    const wrong = await importText({ municipalityId: m2.id, feed: "residents", text: iconv.encode(japaneseCsv(rows), "cp932"), encoding: "utf-8" });
    expect(wrong.status).toBe("failed");
    expect(wrong.errors[0].message).toMatch(/文字コード/);
    expect(await ownerDb().resident.count({ where: { municipalityId: m2.id } })).toBe(0);
  });

  it("imports JSON Lines with the column keys", async () => {
    const m = await createMunicipality();
    const rows = household(2);
    const result = await importText({ municipalityId: m.id, feed: "residents", format: "jsonl", text: toJsonLines(rows) });
    expect(result).toMatchObject({ status: "succeeded", rowsInserted: 2 });
  });

  it("imports nothing when one row is bad, and reports its line in Japanese", async () => {
    const m = await createMunicipality();
    const rows = household(4);
    rows[2] = { ...rows[2], dateOfBirth: "1980-02-30" };
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([{ line: 4, column: "生年月日", message: "日付は YYYY-MM-DD 形式の実在する日付で入力してください。" }]);
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id } })).toBe(0);
    expect(await ownerDb().household.count({ where: { municipalityId: m.id } })).toBe(0);
    const job = await ownerDb().importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job.status).toBe("failed");
    expect(job.errors).toEqual(result.errors);
    expect(await ownerDb().auditEvent.findFirstOrThrow({ where: { targetId: result.jobId } })).toMatchObject({ action: "import.failed" });
  });

  it("reports the line of a quoted field spanning lines, bad check digits, duplicates and household conflicts", async () => {
    const m = await createMunicipality();
    const rows = household(2);
    rows[0] = { ...rows[0], householdAddress: "テスト県\nテスト市" };
    rows[1] = { ...rows[1], householdAddress: "テスト県\nテスト市", myNumber: "123456789012" };
    const dup = { ...residentRow(), residentNo: rows[0].residentNo };
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, [...rows, dup]) });
    expect(result.status).toBe("failed");
    // Line 1 header; row 1 spans lines 2–3; row 2 spans 4–5.
    expect(result.errors).toEqual([{ line: 4, column: "個人番号", message: "個人番号の検査数字が正しくありません。" }]);
    rows[1].myNumber = residentRow().myNumber;
    const second = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, [...rows, dup, { ...residentRow(), householdNo: rows[0].householdNo, isHouseholdHead: "0" }]) });
    expect(second.errors).toEqual([
      { line: 6, column: "住民番号", message: "住民番号が2行目と重複しています。" },
      { line: 7, column: "住所", message: "同じ世帯番号の行で住所が異なります。" },
    ]);
  });

  it("refuses unknown and missing columns at line 1", async () => {
    const m = await createMunicipality();
    const result = await importText({ municipalityId: m.id, feed: "residents", text: "住民番号,氏,謎の列\r\nR1,山川,x\r\n" });
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatchObject({ line: 1, column: "謎の列" });
    expect(result.errors.some((e) => e.message === "必須の列「生年月日」がありません。")).toBe(true);
  });

  it("re-importing the same file changes nothing", async () => {
    const m = await createMunicipality();
    const text = toCsv(RESIDENT_KEYS, [...household(3), ...household(1)]);
    await importText({ municipalityId: m.id, feed: "residents", text });
    const before = await ownerDb().resident.findMany({ where: { municipalityId: m.id }, orderBy: { residentNo: "asc" } });
    const again = await importText({ municipalityId: m.id, feed: "residents", text });
    expect(again).toMatchObject({ status: "succeeded", rowsTotal: 4, rowsInserted: 0, rowsUpdated: 0, rowsRemoved: 0 });
    const after = await ownerDb().resident.findMany({ where: { municipalityId: m.id }, orderBy: { residentNo: "asc" } });
    expect(after).toEqual(before);
  });

  it("full load: updates what changed and marks residents missing from the file 転出; refuses an empty file", async () => {
    const m = await createMunicipality();
    const rows = household(3);
    await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
    const changed = [{ ...rows[0], givenName: "一朗" }, rows[1]];
    // One of three removed: over the removal guard's share (imports-removal-guard.test.ts), hence confirmed.
    const result = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, changed), confirmRemovals: true });
    expect(result).toMatchObject({ status: "succeeded", rowsInserted: 0, rowsUpdated: 1, rowsRemoved: 1 });
    const gone = await ownerDb().resident.findUniqueOrThrow({ where: { municipalityId_residentNo: { municipalityId: m.id, residentNo: rows[2].residentNo } } });
    expect(gone.status).toBe("moved_out");
    const empty = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, []) });
    expect(empty.status).toBe("failed");
    expect(await ownerDb().resident.count({ where: { municipalityId: m.id, status: "active" } })).toBe(2);
  });

  it("delta load: add, update and remove rows; a full load refuses remove rows", async () => {
    const m = await createMunicipality();
    const rows = household(2);
    await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
    const added = residentRow();
    const text = toCsv(["op", ...RESIDENT_KEYS], [
      { op: "add", ...added },
      { op: "更新", ...rows[0], householdAddress: "テスト県テスト市新町1番地" },
      { op: "remove", residentNo: rows[1].residentNo },
    ]);
    const result = await importText({ municipalityId: m.id, feed: "residents", mode: "delta", text });
    // The household moved: both members' printed address changed, but only the row in the file counts.
    expect(result).toMatchObject({ status: "succeeded", rowsInserted: 1, rowsUpdated: 1, rowsRemoved: 1 });
    const again = await importText({ municipalityId: m.id, feed: "residents", mode: "delta", text });
    expect(again).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsRemoved: 0 });
    const full = await importText({ municipalityId: m.id, feed: "residents", mode: "full", text });
    expect(full.status).toBe("failed");
    expect(full.errors[0]).toMatchObject({ line: 4, column: "異動区分" });
  });

  it("keeps tenants apart: the same 住民番号 in two municipalities are two people", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    const rows = household(1);
    await importText({ municipalityId: a.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
    await importText({ municipalityId: b.id, feed: "residents", text: toCsv(RESIDENT_KEYS, [{ ...rows[0], givenName: "別人" }]) });
    // A full load of b never touches a.
    await importText({ municipalityId: b.id, feed: "residents", text: toCsv(RESIDENT_KEYS, [residentRow()]) });
    const inA = await ownerDb().resident.findFirstOrThrow({ where: { municipalityId: a.id } });
    expect(inA).toMatchObject({ givenName: rows[0].givenName, status: "active" });
  });

  it("makes UUIDv7 ids in SQL without uuidv7() (PostgreSQL 14–17)", async () => {
    const before = Date.now();
    const rows = await ownerDb().$queryRawUnsafe<{ id: string }[]>(`SELECT (${UUID7})::text AS id FROM generate_series(1, 5)`);
    for (const { id } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
      expect(Math.abs(ms - before)).toBeLessThan(60_000);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(5);
  });
});
