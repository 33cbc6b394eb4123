// The other feeds: 印鑑, 税, 戸籍 (members and events), 附票, 電子証明書, 異動 住所変更 — each imports, re-imports
// without changes, applies full/delta removal, and refuses bad rows with their line.
import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { buildKosekiDocument } from "@/server/certificates/build-koseki-document";
import { createMunicipality } from "../factories";
import { printedIssuance } from "../factories/certificate-rows";
import { createRegistration } from "../factories/koseki";
import { importText, RESIDENT_KEYS, residentRow, toCsv, toJsonLines } from "../factories/imports";
import { solidPng } from "../factories/png";

async function withResidents(count: number) {
  const m = await createMunicipality();
  const rows = Array.from({ length: count }, () => residentRow());
  const r = await importText({ municipalityId: m.id, feed: "residents", text: toCsv(RESIDENT_KEYS, rows) });
  expect(r.status).toBe("succeeded");
  return { m, rows };
}

const png = Buffer.from(solidPng(24, [180, 20, 20])).toString("base64");

describe("seals", () => {
  it("imports registrations with images, refuses bad images and unknown residents, removes absent ones on a full load", async () => {
    const { m, rows } = await withResidents(3);
    const seal = (i: number, over: Record<string, string> = {}) => ({ registrationNo: `S${i}`, residentNo: rows[i].residentNo, registeredOn: "2015-04-01", sealImage: png, ...over });
    const cols = ["registrationNo", "residentNo", "status", "registeredOn", "abolishedOn", "sealImage"];
    expect(await importText({ municipalityId: m.id, feed: "seals", text: toCsv(cols, [seal(0), seal(1), seal(2)]) })).toMatchObject({ status: "succeeded", rowsInserted: 3 });
    const stored = await ownerDb().sealRegistration.findFirstOrThrow({ where: { municipalityId: m.id, registrationNo: "S0" } });
    expect(Buffer.from(stored.sealImage).toString("base64")).toBe(png);
    expect(stored.sealImageMime).toBe("image/png");
    expect(await importText({ municipalityId: m.id, feed: "seals", text: toCsv(cols, [seal(0), seal(1), seal(2)]) })).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsRemoved: 0 });

    const bad = await importText({
      municipalityId: m.id,
      feed: "seals",
      text: toCsv(cols, [seal(0, { sealImage: Buffer.from("GIF89a....").toString("base64") }), seal(1, { residentNo: "NOBODY" }), seal(2, { status: "廃止" })]),
    });
    expect(bad.errors).toEqual([
      { line: 2, column: "印影", message: "画像はPNGまたはJPEGにしてください。" },
      { line: 4, column: "廃止日", message: "状態が廃止のときは廃止日を入力してください。" },
    ]);
    const unknown = await importText({ municipalityId: m.id, feed: "seals", text: toCsv(cols, [seal(0), seal(1, { residentNo: "NOBODY" })]) });
    expect(unknown.errors).toEqual([{ line: 3, column: "住民番号", message: "住民番号に当たる住民が登録されていません（先に住民データを取り込んでください）。" }]);

    // (These small files remove far more than the removal guard's share: confirmed, as an operator would.)
    expect(await importText({ municipalityId: m.id, feed: "seals", text: toCsv(cols, [seal(0), seal(1, { status: "abolished", abolishedOn: "2026-11-01" })]), confirmRemovals: true })).toMatchObject({
      rowsUpdated: 1,
      rowsRemoved: 1,
    });
    expect(await ownerDb().sealRegistration.count({ where: { municipalityId: m.id, status: "active" } })).toBe(1);
  });
});

describe("tax", () => {
  const details = { income: [{ label: "給与収入", revenue: 4_200_000, amount: 2_940_000 }], deductions: [{ label: "基礎控除", amount: 430_000 }], taxes: { municipal: { incomeLevy: 113_400, perCapita: 3_000 }, prefectural: { incomeLevy: 75_600, perCapita: 1_000 } } };
  const row = (residentNo: string, fiscalYear: number, over: Record<string, unknown> = {}) => ({
    residentNo,
    fiscalYear,
    totalIncome: 2_940_000,
    totalDeductions: 430_000,
    taxableIncome: 2_510_000,
    municipalTax: 116_400,
    prefecturalTax: 76_600,
    details,
    ...over,
  });
  const jsonl = (rows: Array<Record<string, unknown>>) => toJsonLines(rows as never);

  it("imports JSON Lines with a nested 明細, scopes a full load to the years in the file, checks the amounts", async () => {
    const { m, rows } = await withResidents(2);
    const first = await importText({ municipalityId: m.id, feed: "tax", format: "jsonl", text: jsonl([row(rows[0].residentNo, 2025), row(rows[1].residentNo, 2025), row(rows[0].residentNo, 2026)]) });
    expect(first).toMatchObject({ status: "succeeded", rowsInserted: 3 });
    const stored = await ownerDb().taxRecord.findFirstOrThrow({ where: { municipalityId: m.id, fiscalYear: 2026 } });
    expect(stored.details).toEqual(details);
    expect(stored.residentOnJan1).toBe(true);
    // A 2026 full load leaves 2025 alone and removes the 2026 record missing from the file.
    const second = await importText({ municipalityId: m.id, feed: "tax", format: "jsonl", text: jsonl([row(rows[1].residentNo, 2026)]), confirmRemovals: true });
    expect(second).toMatchObject({ rowsInserted: 1, rowsRemoved: 1 });
    expect(await ownerDb().taxRecord.count({ where: { municipalityId: m.id, fiscalYear: 2025 } })).toBe(2);
    const again = await importText({ municipalityId: m.id, feed: "tax", format: "jsonl", text: jsonl([row(rows[1].residentNo, 2026)]) });
    expect(again).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsRemoved: 0 });

    const bad = await importText({ municipalityId: m.id, feed: "tax", format: "jsonl", text: jsonl([row(rows[0].residentNo, 2026), row(rows[1].residentNo, 2026, { municipalTax: 100_000 }), row(rows[1].residentNo, 2026)]) });
    expect(bad.errors).toEqual([{ line: 2, column: "市町村民税", message: "市町村民税が明細の所得割と均等割の合計と一致しません。" }]);
    const dup = await importText({ municipalityId: m.id, feed: "tax", format: "jsonl", text: jsonl([row(rows[0].residentNo, 2026), row(rows[0].residentNo, 2026)]) });
    expect(dup.errors).toEqual([{ line: 2, column: "年度", message: "住民番号と年度の組が1行目と重複しています。" }]);
  });
});

describe("koseki and fuhyo", () => {
  const recordRows = (recordNo: string, residentNo: string | null, over: Record<string, string> = {}) => {
    const common = {
      recordNo,
      honseki: "テスト県テスト市本町七番地",
      headFamilyName: "川村",
      headGivenName: "一郎",
      recordEvents: JSON.stringify([{ kind: "編製", date: "2006-06-01", fields: [{ label: "編製日", value: "2006-06-01", type: "date" }] }]),
      ...over,
    };
    return [
      {
        ...common,
        position: "0",
        familyName: "川村",
        givenName: "一郎",
        dateOfBirth: "1980-04-01",
        sex: "男",
        relationship: "長男",
        spouseRole: "夫",
        fatherName: "川村 太一",
        motherName: "川村 花子",
        residentNo: residentNo ?? "",
        events: JSON.stringify([{ kind: "出生", date: "1980-04-01", fields: [{ label: "出生日", value: "1980-04-01", type: "date" }, { label: "出生地", value: "テスト県テスト市" }] }]),
      },
      { ...common, position: "1", familyName: "川村", givenName: "桜子", dateOfBirth: "1982-08-08", sex: "女", relationship: "長女", spouseRole: "妻", residentNo: "", events: "[]" },
    ];
  };
  const cols = ["recordNo", "kind", "honseki", "headFamilyName", "headGivenName", "pendingFiling", "recordEvents", "position", "familyName", "givenName", "dateOfBirth", "sex", "fatherName", "motherName", "relationship", "spouseRole", "removed", "residentNo", "events"];
  const fuhyoCols = ["recordNo", "memberPosition", "position", "address", "addressSetOn"];

  it("imports registers with members and events that the certificate builder prints, re-imports without changes", async () => {
    const { m, rows } = await withResidents(1);
    const file = toCsv(cols, [...recordRows("K1", rows[0].residentNo), ...recordRows("K2", null)]);
    expect(await importText({ municipalityId: m.id, feed: "koseki", text: file })).toMatchObject({ status: "succeeded", rowsTotal: 4, rowsInserted: 2 });
    expect(await importText({ municipalityId: m.id, feed: "koseki", text: file })).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsRemoved: 0 });
    const record = await ownerDb().kosekiRecord.findFirstOrThrow({
      where: { municipalityId: m.id, recordNo: "K1" },
      include: { events: { orderBy: { position: "asc" } }, members: { orderBy: { position: "asc" }, include: { events: true } } },
    });
    expect(record.members.map((x) => x.givenName)).toEqual(["一郎", "桜子"]);
    const resident = await ownerDb().resident.findFirstOrThrow({ where: { municipalityId: m.id, residentNo: rows[0].residentNo } });
    expect(record.members[0].residentId).toBe(resident.id);
    const municipality = await ownerDb().municipality.findUniqueOrThrow({ where: { id: m.id } });
    const built = buildKosekiDocument({ municipality, record, variant: "full", issuance: printedIssuance("00000000-0000-7000-8000-000000000000", "X-1"), now: new Date("2026-11-27T01:00:00Z") });
    expect(JSON.stringify(built.document)).toContain("昭和55年4月1日");

    const fuhyo = toCsv(fuhyoCols, [
      { recordNo: "K1", memberPosition: "0", position: "0", address: "東京都世田谷区太子堂二丁目14番3号", addressSetOn: "2020-03-01" },
      { recordNo: "K1", memberPosition: "1", position: "0", address: "東京都世田谷区太子堂二丁目14番3号", addressSetOn: "2020-03-01" },
    ]);
    expect(await importText({ municipalityId: m.id, feed: "fuhyo", text: fuhyo })).toMatchObject({ status: "succeeded", rowsInserted: 2 });
    expect(await importText({ municipalityId: m.id, feed: "fuhyo", text: fuhyo })).toMatchObject({ rowsInserted: 0, rowsUpdated: 0 });
    const unknown = await importText({ municipalityId: m.id, feed: "fuhyo", mode: "delta", text: toCsv(["op", ...fuhyoCols], [{ op: "add", recordNo: "K9", memberPosition: "0", position: "0", address: "x", addressSetOn: "2020-03-01" }]) });
    expect(unknown.errors[0]).toMatchObject({ line: 2, column: "順位" });

    // A member leaves (removed from the file): the register is rewritten, the member and its 附票 go; a 利用登録
    // bound to that member loses the binding (it will be refused, never misdirected).
    const member1 = await ownerDb().kosekiMember.findFirstOrThrow({ where: { kosekiRecordId: record.id, position: 1 } });
    const registration = await createRegistration(m.id, { issuer: "JPKI", serial: `REG-${m.code}` }, { kosekiMemberId: member1.id });
    const changed = toCsv(cols, [recordRows("K1", rows[0].residentNo, { pendingFiling: "1" })[0], ...recordRows("K2", null)]);
    expect(await importText({ municipalityId: m.id, feed: "koseki", text: changed })).toMatchObject({ rowsInserted: 0, rowsUpdated: 1, rowsRemoved: 0 });
    expect(await ownerDb().kosekiMember.count({ where: { kosekiRecordId: record.id } })).toBe(1);
    expect(await ownerDb().fuhyoEntry.count({ where: { kosekiRecordId: record.id } })).toBe(1);
    expect((await ownerDb().kosekiRecord.findUniqueOrThrow({ where: { id: record.id } })).pendingFiling).toBe(true);
    expect((await ownerDb().kosekiRegistration.findUniqueOrThrow({ where: { id: registration.id } })).kosekiMemberId).toBeNull();
    // A delta remove row removes the register with everything in it.
    expect(await importText({ municipalityId: m.id, feed: "koseki", mode: "delta", text: toCsv(["op", "recordNo"], [{ op: "削除", recordNo: "K1" }]) })).toMatchObject({ rowsRemoved: 1 });
    expect(await ownerDb().kosekiRecord.count({ where: { municipalityId: m.id } })).toBe(1);
  });

  it("refuses a register whose rows disagree and bad event JSON, with their lines", async () => {
    const { m } = await withResidents(1);
    const [a, b] = recordRows("K1", null);
    const result = await importText({ municipalityId: m.id, feed: "koseki", text: toCsv(cols, [a, { ...b, honseki: "別の本籍" }]) });
    expect(result.errors).toEqual([{ line: 3, column: "戸籍番号", message: "同じ戸籍番号の行で戸籍の項目（種別・本籍・筆頭者・未反映の届出・戸籍事項）が異なります。" }]);
    const json = await importText({ municipalityId: m.id, feed: "koseki", text: toCsv(cols, [a, { ...b, events: '[{"kind":"出生","fields":[{"label":"出生日","value":"1982/08/08","type":"date"}]}]' }]) });
    expect(json.errors[0]).toMatchObject({ line: 3, column: "身分事項" });
    expect(await ownerDb().kosekiRecord.count({ where: { municipalityId: m.id } })).toBe(0);
  });
});

describe("card certificates", () => {
  const cols = ["issuer", "serial", "residentNo", "kind", "status", "validFrom", "validUntil", "cardIssuedOn"];
  const card = (serial: string, residentNo: string, over: Record<string, string> = {}) => ({ serial, residentNo, validFrom: "2024-01-01T00:00:00Z", validUntil: "2029-01-01", cardIssuedOn: "2024-01-01", ...over });

  it("binds serials to residents, revokes those missing from a full load, never takes over another municipality's serial", async () => {
    const { m, rows } = await withResidents(2);
    const serial = `CARD-${m.code}`;
    expect(await importText({ municipalityId: m.id, feed: "card_certificates", text: toCsv(cols, [card(`${serial}-1`, rows[0].residentNo), card(`${serial}-2`, rows[1].residentNo)]) })).toMatchObject({ rowsInserted: 2 });
    const stored = await ownerDb().cardCertificate.findFirstOrThrow({ where: { serial: `${serial}-1` } });
    expect(stored).toMatchObject({ issuer: "JPKI", kind: "card", status: "active" });
    expect(stored.validUntil.toISOString()).toBe("2028-12-31T15:00:00.000Z"); // a date alone is 00:00 JST
    expect(await importText({ municipalityId: m.id, feed: "card_certificates", text: toCsv(cols, [card(`${serial}-1`, rows[0].residentNo), card(`${serial}-2`, rows[1].residentNo)]) })).toMatchObject({ rowsInserted: 0, rowsUpdated: 0 });
    expect(await importText({ municipalityId: m.id, feed: "card_certificates", text: toCsv(cols, [card(`${serial}-1`, rows[0].residentNo)]), confirmRemovals: true })).toMatchObject({ rowsRemoved: 1 });
    expect((await ownerDb().cardCertificate.findFirstOrThrow({ where: { serial: `${serial}-2` } })).status).toBe("revoked");

    const other = await withResidents(1);
    const taken = await importText({ municipalityId: other.m.id, feed: "card_certificates", mode: "delta", text: toCsv(["op", ...cols], [{ op: "add", ...card(`${serial}-1`, other.rows[0].residentNo) }]) });
    expect(taken.errors).toEqual([{ line: 2, column: "シリアル番号", message: "この電子証明書は他の自治体の住民に登録されています。転出元での失効・削除を確認してください。" }]);
    expect((await ownerDb().cardCertificate.findFirstOrThrow({ where: { serial: `${serial}-1` } })).municipalityId).toBe(m.id);
  });
});

describe("changes: 住所変更", () => {
  it("moves a resident to another household, records the previous address, and is idempotent", async () => {
    const { m, rows } = await withResidents(2);
    const text = toCsv(["住民番号", "異動事由", "異動日", "世帯番号", "住所"], [{ 住民番号: rows[0].residentNo, 異動事由: "転居", 異動日: "2026-11-01", 世帯番号: rows[1].householdNo, 住所: "テスト県テスト市新町9番地" }]);
    expect(await importText({ municipalityId: m.id, feed: "changes", mode: "delta", text })).toMatchObject({ status: "succeeded", rowsUpdated: 1 });
    const moved = await ownerDb().resident.findFirstOrThrow({ where: { municipalityId: m.id, residentNo: rows[0].residentNo }, include: { household: true } });
    expect(moved).toMatchObject({ previousAddress: rows[0].householdAddress, addressSetReason: "転居" });
    expect(moved.household).toMatchObject({ householdNo: rows[1].householdNo, address: "テスト県テスト市新町9番地" });
    expect(await importText({ municipalityId: m.id, feed: "changes", mode: "delta", text })).toMatchObject({ rowsUpdated: 0 });
    const unknown = await importText({ municipalityId: m.id, feed: "changes", mode: "delta", text: toCsv(["住民番号", "異動事由", "異動日"], [{ 住民番号: "NOBODY", 異動事由: "死亡", 異動日: "2026-11-01" }]) });
    expect(unknown.errors).toEqual([{ line: 2, column: "住民番号", message: "住民番号に当たる住民が登録されていません。" }]);
    const badKind = await importText({ municipalityId: m.id, feed: "changes", mode: "delta", text: toCsv(["住民番号", "異動事由", "異動日"], [{ 住民番号: rows[0].residentNo, 異動事由: "結婚", 異動日: "2026-11-01" }]) });
    expect(badKind.errors[0]).toMatchObject({ line: 2, column: "異動事由" });
  });
});

// Found by the import fuzzing (tests/fuzz/db/imports.test.ts): input PostgreSQL cannot store, and zod's English
// default messages. Every file ends in a line-numbered Japanese refusal or an import, never a raw error.
describe("input the database cannot hold: NUL", () => {
  const NUL_MESSAGE = "使用できない文字（NUL）が含まれています。";
  const jobOf = (jobId: string) => ownerDb().importJob.findUniqueOrThrow({ where: { id: jobId } });

  it("a file that is one NUL byte is refused at line 1 and its job closed (fuzz seed 173612068)", async () => {
    const m = await createMunicipality();
    const result = await importText({ municipalityId: m.id, feed: "fuhyo", text: "\u0000", fileName: "a\u0000b.csv" });
    expect(result.status).toBe("failed");
    expect(result.errors).toEqual([
      { line: 1, column: "\\u0000", message: "列「\\u0000」はこのデータの定義にありません。列名と文字コードの指定を確認してください。" },
      ...["戸籍番号", "順位", "番号", "住所", "住所を定めた年月日"].map((c) => ({ line: 1, column: c, message: `必須の列「${c}」がありません。` })),
    ]);
    expect(await jobOf(result.jobId)).toMatchObject({ status: "failed", fileName: "a\\u0000b.csv" });
  });

  it("a NUL in a CSV cell, a JSON Lines string or key, or a JSON column's content is an error on its line", async () => {
    const { m, rows } = await withResidents(1);
    const csv = await importText({
      municipalityId: m.id,
      feed: "changes",
      mode: "delta",
      text: toCsv(["住民番号", "異動事由", "異動日", "住所"], [
        { 住民番号: rows[0].residentNo, 異動事由: "死亡", 異動日: "2026-11-01", 住所: "本町\u00001番地" },
        { 住民番号: `${rows[0].residentNo}\u0000`, 異動事由: "死亡", 異動日: "2026-11-01" },
      ]),
    });
    expect(csv.errors).toEqual([
      { line: 2, column: "住所", message: NUL_MESSAGE },
      { line: 3, column: "住民番号", message: NUL_MESSAGE },
    ]);

    const jsonl = await importText({
      municipalityId: m.id,
      feed: "changes",
      mode: "delta",
      format: "jsonl",
      text: [
        JSON.stringify({ residentNo: rows[0].residentNo, kind: "死亡", date: "2026-11-01", householdAddress: "本町\u0000" }),
        JSON.stringify({ residentNo: rows[0].residentNo, kind: "死亡", "\u0000": "x" }),
        // An unpaired surrogate (a JSON escape): jsonb refuses it, a text column would get U+FFFD instead.
        JSON.stringify({ residentNo: rows[0].residentNo, kind: "死亡", date: "2026-11-01", householdAddress: "本町\ud800" }),
      ].join("\n"),
    });
    expect(jsonl.errors).toEqual([
      { line: 1, column: "住所", message: NUL_MESSAGE },
      { line: 2, column: "\\u0000", message: "項目「\\u0000」はこのデータの定義にありません。" },
      { line: 3, column: "住所", message: "使用できない文字（対になっていないサロゲート）が含まれています。" },
    ]);

    // JSON columns: the escape \u0000 decodes to NUL, which jsonb refuses.
    const details = { income: [{ label: "給与\u0000収入", amount: 1 }], deductions: [] };
    const tax = await importText({
      municipalityId: m.id,
      feed: "tax",
      format: "jsonl",
      text: JSON.stringify({ residentNo: rows[0].residentNo, fiscalYear: 2026, nonTaxable: 1, totalIncome: 1, totalDeductions: 0, taxableIncome: 0, municipalTax: 0, prefecturalTax: 0, details }) + "\n",
    });
    expect(tax.errors).toEqual([{ line: 1, column: "明細", message: NUL_MESSAGE }]);
    const koseki = await importText({ municipalityId: m.id, feed: "koseki", text: `戸籍番号,本籍,筆頭者氏,筆頭者名,順位,氏,名,生年月日,性別,続柄,身分事項\r\nK1,本籍,川村,一郎,0,川村,一郎,1980-04-01,男,長男,"[{""kind"":""出生"",""fields"":[{""label"":""x"",""value"":""\\u0000""}]}]"\r\n` });
    expect(koseki.errors).toEqual([{ line: 2, column: "身分事項", message: NUL_MESSAGE }]);
    for (const r of [csv, jsonl, tax, koseki]) expect((await jobOf(r.jobId)).status).toBe("failed");
  });
});

describe("messages are Japanese: no zod default text", () => {
  // zod's own (English) messages: "Invalid input", "Too small: …", "expected string, received number".
  const ENGLISH = /Invalid|Too (small|big)|expected|received|Unrecognized/;

  it("koseki: 従前戸籍番号 and 従前順位 name their column in Japanese (fuzz seed -260160772)", async () => {
    const m = await createMunicipality();
    const labels = ["戸籍番号", "戸籍の種別", "本籍", "筆頭者氏", "筆頭者名", "未反映の届出", "戸籍事項", "順位", "氏", "名", "生年月日", "性別", "父", "母", "続柄", "配偶者区分", "除籍", "住民番号", "身分事項", "支援措置", "従前戸籍番号", "従前順位"];
    const result = await importText({ municipalityId: m.id, feed: "koseki", text: `${labels.join(",")}\r\n${labels.map(() => "x").join(",")}\r\n` });
    expect(result.status).toBe("failed");
    expect(result.errors.find((e) => e.column === "従前順位")).toEqual({ line: 2, column: "従前順位", message: "半角数字の整数で入力してください。" });
    const bad = await importText({ municipalityId: m.id, feed: "koseki", text: "戸籍番号,本籍,筆頭者氏,筆頭者名,順位,氏,名,生年月日,性別,続柄,従前戸籍番号,従前順位\r\nK1,本籍,川村,一郎,0,川村,一郎,1980-04-01,男,長男,ＫＡ,1000\r\n" });
    expect(bad.errors).toEqual([
      { line: 2, column: "従前戸籍番号", message: "半角英数字（および - _ . /）で入力してください。" },
      { line: 2, column: "従前順位", message: "0〜999の範囲で入力してください。" },
    ]);
    for (const e of [...result.errors, ...bad.errors]) expect(e.message).not.toMatch(ENGLISH);
  });

  it("JSON columns (身分事項, 明細) explain wrong contents in Japanese", async () => {
    const { m, rows } = await withResidents(1);
    const koseki = await importText({
      municipalityId: m.id,
      feed: "koseki",
      format: "jsonl",
      text: [
        { kind: 1, fields: [] },
        { kind: "出生", fields: [{ label: "x", value: "y", type: "time" }] },
        { kind: "x".repeat(21), fields: [] },
        { fields: [] },
      ].map((event, i) => JSON.stringify({ recordNo: `K${i}`, honseki: "本籍", headFamilyName: "川村", headGivenName: "一郎", position: 0, familyName: "川村", givenName: "一郎", dateOfBirth: "1980-04-01", sex: "男", relationship: "長男", events: [event] })).join("\n"),
    });
    const tax = await importText({
      municipalityId: m.id,
      feed: "tax",
      format: "jsonl",
      text: [{ income: "x", deductions: [] }, { income: [{ label: "", amount: 1 }], deductions: [] }, { income: [], deductions: [], taxes: { municipal: { incomeLevy: -1, perCapita: 0 }, prefectural: { incomeLevy: 0, perCapita: 0 } } }]
        .map((details) => JSON.stringify({ residentNo: rows[0].residentNo, fiscalYear: 2026, totalIncome: 0, totalDeductions: 0, taxableIncome: 0, municipalTax: 0, prefecturalTax: 0, details }))
        .join("\n"),
    });
    const wrong = (what: string, path: string, message: string) => `${what}の内容が正しくありません（${path}）: ${message}`;
    expect(koseki.errors).toEqual(
      [
        wrong("身分事項", "0.kind", "文字列で書いてください。"),
        wrong("身分事項", "0.fields.0.type", '"date"・"text" のいずれかを書いてください。'),
        wrong("身分事項", "0.kind", "20文字以内で書いてください。"),
        wrong("身分事項", "0.kind", "必須項目です。"),
      ].map((message, i) => ({ line: i + 1, column: "身分事項", message })),
    );
    expect(tax.errors).toEqual(
      [
        wrong("明細", "income", "配列（[…]）で書いてください。"),
        wrong("明細", "income.0.label", "必須項目です。"),
        wrong("明細", "taxes.municipal.incomeLevy", "金額は0以上にしてください。"),
      ].map((message, i) => ({ line: i + 1, column: "明細", message })),
    );
    for (const e of [...koseki.errors, ...tax.errors]) expect(e.message).not.toMatch(ENGLISH);
  });
});
