// 支援措置 across registers (issue 17; docs/decisions/0011-support-measures-across-registers.md): no kiosk
// certificate shows the address of a protected person, whoever asks — the 附票 lists every member of the 戸籍,
// the 住民票 the household — and closed registers are found by the register's identity, never by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalMessage } from "@/lib/refusal-reasons";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { encryptField, FieldContext } from "@/server/crypto/field-encryption";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { closeRenderPool, warmUpRenderPool } from "@/server/pdf/render-pool";
import { extractPdf } from "@/server/pdf/render-certificate";
import { ownerDb } from "@/tests/setup/owner-db";
import { importText, toCsv } from "../factories/imports";
import { createApiClient, createCardholder, issueBody, OPEN_AT } from "../factories/issuance";
import { createKosekiRecord, createRegistration } from "../factories/koseki";
import { createKosekiMunicipality } from "../factories/koseki-registration";

beforeAll(() => warmUpRenderPool(), 120_000);
afterAll(closeRenderPool);

let keys = 0;
const key = () => `sm-${++keys}-${Math.random().toString(36).slice(2, 8)}`;
type Card = { issuer: string; serial: string };

function issuer() {
  return createApiClient().then(({ ctx }) => ({
    honseki: (code: string, card: Card, type: string, options: Record<string, unknown> = {}) =>
      issueCertificate({ ctx, input: ZIssueRequest.parse({ ...issueBody(code, card), purpose: "honseki", certificateType: type, options }), idempotencyKey: key(), now: OPEN_AT }),
    residence: (code: string, card: Card, type: "residence" | "seal" = "residence") =>
      issueCertificate({ ctx, input: ZIssueRequest.parse(issueBody(code, card, type)), idempotencyKey: key(), now: OPEN_AT }),
    eligibility: (code: string, card: Card, purpose: "residence" | "honseki") => checkEligibility({ ctx, input: { ...issueBody(code, card), purpose }, now: OPEN_AT }),
  }));
}

async function supportMeasure(municipalityId: string, residentId: string) {
  const details = encryptField("DV等支援措置（テスト）", FieldContext.supportMeasure);
  await ownerDb().supportMeasure.create({ data: { municipalityId, residentId, startsOn: new Date("2026-11-01"), detailsCipher: details.cipher, detailsKeyId: details.keyId } });
}

const refusal = (code: "household_support_measure" | "resident_support_measure") => ({ code, status: 403, details: { reason: code, message: refusalMessage(code) } });

describe("the 附票 of a 戸籍 with a protected member", () => {
  it("is refused to the perpetrator (全部 and his own entry only) and to the victim; the 戸籍 itself still issues", async () => {
    const town = await createKosekiMunicipality();
    const kiosk = await issuer();
    const perpetrator = await createCardholder(town.id, { resident: { familyName: "川村", givenName: "一郎" } });
    const victim = await createCardholder(town.id, { resident: { familyName: "川村", givenName: "桜子", sex: "female", dateOfBirth: new Date("1982-08-08") } });
    const { members } = await createKosekiRecord(town.id, { members: [{ givenName: "一郎", residentId: perpetrator.head.id }, { givenName: "桜子", residentId: victim.head.id }] });

    // Before the 支援措置 both get the 附票.
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).resolves.toMatchObject({ replayed: false });
    await supportMeasure(town.id, victim.head.id);

    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).rejects.toMatchObject(refusal("household_support_measure"));
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo", { members: [members[0].id] })).rejects.toMatchObject(refusal("household_support_measure"));
    await expect(kiosk.honseki(town.code, victim.card, "koseki-fuhyo")).rejects.toMatchObject(refusal("resident_support_measure"));
    const e = await kiosk.eligibility(town.code, perpetrator.card, "honseki");
    expect(Object.fromEntries(e.certificates.map((c) => [c.type, c.available ? "ok" : c.reason]))).toEqual({ "koseki-full": "ok", "koseki-individual": "ok", "koseki-fuhyo": "household_support_measure" });

    // The 戸籍 prints 本籍, never a current address: it stays available to the perpetrator.
    const full = await kiosk.honseki(town.code, perpetrator.card, "koseki-full");
    expect((await extractPdf(Buffer.from(full.response.pdf, "base64"))).pageTexts.join("")).not.toContain("太子堂");
  });

  it("covers a member living in a municipality not hosted here through the 戸籍 and 附票 feeds' flag", async () => {
    const home = await createKosekiMunicipality(); // where the perpetrator lives
    const town = await createKosekiMunicipality(); // the 本籍地
    const kiosk = await issuer();
    const perpetrator = await createCardholder(home.id, { resident: { familyName: "川村", givenName: "一郎" } });
    const recordNo = `R${Date.UTC(2026, 10, 27)}`;
    const kosekiColumns = ["戸籍番号", "本籍", "筆頭者氏", "筆頭者名", "順位", "氏", "名", "生年月日", "性別", "続柄", "支援措置"];
    const register = (victimFlag: string) =>
      toCsv(kosekiColumns, [
        { 戸籍番号: recordNo, 本籍: "テスト県テスト市本町七番地", 筆頭者氏: "川村", 筆頭者名: "一郎", 順位: "1", 氏: "川村", 名: "一郎", 生年月日: "1980-04-01", 性別: "男", 続柄: "長男", 支援措置: "" },
        { 戸籍番号: recordNo, 本籍: "テスト県テスト市本町七番地", 筆頭者氏: "川村", 筆頭者名: "一郎", 順位: "2", 氏: "川村", 名: "桜子", 生年月日: "1982-08-08", 性別: "女", 続柄: "妻", 支援措置: victimFlag },
      ]);
    const fuhyoColumns = ["戸籍番号", "順位", "番号", "住所", "住所を定めた年月日", "支援措置"];
    const fuhyo = (victimFlag: string) =>
      toCsv(fuhyoColumns, [
        { 戸籍番号: recordNo, 順位: "1", 番号: "1", 住所: "東京都世田谷区太子堂二丁目14番3号", 住所を定めた年月日: "2020-03-01", 支援措置: "" },
        { 戸籍番号: recordNo, 順位: "2", 番号: "1", 住所: "北海道帯広市西五条南十丁目1番地", 住所を定めた年月日: "2026-10-01", 支援措置: victimFlag },
      ]);

    expect(await importText({ municipalityId: town.id, feed: "koseki", text: register("1") })).toMatchObject({ status: "succeeded", rowsInserted: 1 });
    expect(await importText({ municipalityId: town.id, feed: "fuhyo", text: fuhyo("") })).toMatchObject({ status: "succeeded", rowsInserted: 2 });
    const self = await ownerDb().kosekiMember.findFirstOrThrow({ where: { municipalityId: town.id, position: 1, kosekiRecord: { recordNo } } });
    await createRegistration(town.id, perpetrator.card, { status: "approved", kosekiMemberId: self.id });
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).rejects.toMatchObject(refusal("household_support_measure"));

    // The flag lifted in the next 戸籍 file: the register is rewritten and the 附票 issues again.
    expect(await importText({ municipalityId: town.id, feed: "koseki", text: register("0") })).toMatchObject({ status: "succeeded", rowsUpdated: 1 });
    const ok = await kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo");
    expect((await extractPdf(Buffer.from(ok.response.pdf, "base64"))).pageTexts.join("")).toContain("帯広市");

    // The 附票 feed's flag (here in Shift_JIS) protects her as well.
    expect(await importText({ municipalityId: town.id, feed: "fuhyo", text: fuhyo("有"), encoding: "shift_jis" })).toMatchObject({ status: "succeeded", rowsUpdated: 1 });
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).rejects.toMatchObject(refusal("household_support_measure"));
    // A bad flag is a line error and nothing is written (all-or-nothing).
    const bad = await importText({ municipalityId: town.id, feed: "fuhyo", text: fuhyo("たぶん") });
    expect(bad).toMatchObject({ status: "failed" });
    expect(await ownerDb().fuhyoEntry.count({ where: { municipalityId: town.id, supportMeasure: true } })).toBe(1);
  });

  it("covers a member who lives in another hosted municipality from her resident data (her 利用登録 binds her card)", async () => {
    const home = await createKosekiMunicipality();
    const victimHome = await createKosekiMunicipality();
    const town = await createKosekiMunicipality();
    const kiosk = await issuer();
    const perpetrator = await createCardholder(home.id, { resident: { familyName: "川村", givenName: "一郎" } });
    const victim = await createCardholder(victimHome.id, { resident: { familyName: "川村", givenName: "桜子", sex: "female" } });
    const { members } = await createKosekiRecord(town.id, { members: [{ givenName: "一郎" }, { givenName: "桜子" }] });
    await createRegistration(town.id, perpetrator.card, { status: "approved", kosekiMemberId: members[0].id });
    await createRegistration(town.id, victim.card, { status: "approved", kosekiMemberId: members[1].id });
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).resolves.toMatchObject({ replayed: false });
    await supportMeasure(victimHome.id, victim.head.id);
    await expect(kiosk.honseki(town.code, perpetrator.card, "koseki-fuhyo")).rejects.toMatchObject(refusal("household_support_measure"));
  });
});

describe("the 住民票 of the perpetrator's household after the victim left it", () => {
  it("is refused while she is on the household's register, whatever her status; his 印鑑登録証明書 is not affected", async () => {
    const town = await createKosekiMunicipality();
    const kiosk = await issuer();
    const household = await createCardholder(town.id, { size: 2, seal: true });
    const victim = household.members[1];
    await expect(kiosk.residence(town.code, household.card)).resolves.toMatchObject({ replayed: false });
    await ownerDb().resident.update({ where: { id: victim.id }, data: { status: "moved_out", movedOutOn: new Date("2026-11-10") } });
    await supportMeasure(town.id, victim.id);
    await expect(kiosk.residence(town.code, household.card)).rejects.toMatchObject(refusal("household_support_measure"));
    await expect(kiosk.residence(town.code, household.card, "seal")).resolves.toMatchObject({ replayed: false });
  });
});

describe("除籍 and 改製原戸籍 are bound to the person by the register's identity", () => {
  it("two people with the same given name, date of birth and sex each get their own closed register, and nobody gets a namesake's", async () => {
    const town = await createKosekiMunicipality();
    await ownerDb().certificateOffering.updateMany({ where: { municipalityId: town.id, certificateType: { in: ["koseki_full", "koseki_individual"] } }, data: { allowJoseki: true, allowKaiseiGenkoseki: true } });
    const kiosk = await issuer();
    const twin = { givenName: "一郎", dateOfBirth: "1980-04-01", sex: "male" as const };
    const a = await createCardholder(town.id, { resident: { familyName: "山川", givenName: "一郎" } });
    const b = await createCardholder(town.id, { resident: { familyName: "森", givenName: "一郎" } });
    const c = await createCardholder(town.id, { resident: { familyName: "林", givenName: "一郎" } });
    const aClosed = await createKosekiRecord(town.id, { kind: "joseki", familyName: "山川", honseki: "テスト県テスト市北町一番地", members: [{ givenName: "太一" }, twin] });
    const bClosed = await createKosekiRecord(town.id, { kind: "joseki", familyName: "森", honseki: "テスト県テスト市南町二番地", members: [{ givenName: "五郎" }, twin] });
    const bOriginal = await createKosekiRecord(town.id, { kind: "kaisei_genkoseki", familyName: "森", honseki: "テスト県テスト市南町二番地", members: [twin], });
    await createKosekiRecord(town.id, { familyName: "山川", members: [{ ...twin, residentId: a.head.id, prior: { recordNo: aClosed.record.recordNo, position: 1 } }] });
    // b's chain: current → 改製原戸籍 → 除籍.
    await ownerDb().kosekiMember.update({ where: { id: bOriginal.members[0].id }, data: { priorRecordNo: bClosed.record.recordNo, priorPosition: 1 } });
    await createKosekiRecord(town.id, { familyName: "森", members: [{ ...twin, residentId: b.head.id, prior: { recordNo: bOriginal.record.recordNo, position: 0 } }] });
    // c shares the name, birth and sex but has no previous entry here.
    await createKosekiRecord(town.id, { familyName: "林", members: [{ ...twin, residentId: c.head.id }] });

    const text = async (p: Promise<{ response: { pdf: string } }>) => (await extractPdf(Buffer.from((await p).response.pdf, "base64"))).pageTexts.join("");
    const aText = await text(kiosk.honseki(town.code, a.card, "koseki-full", { register: "joseki" }));
    expect(aText).toContain("北町一番地");
    expect(aText).not.toContain("南町");
    const bText = await text(kiosk.honseki(town.code, b.card, "koseki-full", { register: "joseki" }));
    expect(bText).toContain("南町二番地");
    expect(bText).not.toContain("北町");
    expect(await text(kiosk.honseki(town.code, b.card, "koseki-full", { register: "kaisei_genkoseki" }))).toContain("改製原戸籍");
    await expect(kiosk.honseki(town.code, a.card, "koseki-full", { register: "kaisei_genkoseki" })).rejects.toMatchObject({ code: "koseki_record_not_found" });
    await expect(kiosk.honseki(town.code, c.card, "koseki-full", { register: "joseki" })).rejects.toMatchObject({ code: "koseki_record_not_found" });
  });
});
