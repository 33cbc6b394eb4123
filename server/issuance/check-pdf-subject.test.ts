// The independent post-render self-check on real bytes: certificates rendered by the real renderer (no
// database, no worker pool), read back by pdf.js, compared with an allowed set written out by hand — for
// the right people (passes) and for wrong PDFs made for real: another resident's certificate, a household
// with a non-member, a homonym, a page spliced in from another issuance, a register of another family.
import { describe, expect, it } from "vitest";
import { splicePages, withKeywords } from "@/tests/pdf-splice";
import { buildFuhyoDocument } from "../certificates/build-fuhyo-document";
import { buildKosekiDocument } from "../certificates/build-koseki-document";
import { buildResidenceDocument, type BuiltDocument } from "../certificates/build-residence-document";
import { buildSealDocument } from "../certificates/build-seal-document";
import { buildTaxDocument } from "../certificates/build-tax-document";
import { samplePersonalSeal } from "../certificates/sample-rows";
import { ISSUANCE, kosekiRecord, printedIssuance, memberId, municipality, NOW, resident, taxRecord, YAMAKAWA } from "@/tests/factories/certificate-rows";
import type { Resident, SealRegistration } from "../generated/prisma/client";
import { bindingKeywords } from "../pdf/document-model";
import { renderCertificate } from "../pdf/render-certificate";
import { readPdfText } from "../pdf/read-pdf-text";
import { checkPdfSubject } from "./check-pdf-subject";
import type { IndependentSubject, SubjectPerson } from "./independent-subject";
import { readPrintedNames } from "./read-printed-names";
import { verifyRenderedPdf } from "./verify-rendered-pdf";

const SLOW = 60_000;
const rid = (n: number) => `00000000-0000-7000-8000-0000000000r${n}`;

// The household of 山川 一郎 (the requester) and a neighbour who is not in it.
const ICHIRO = resident();
const HANAKO = resident({ id: rid(2), givenName: "花子", givenNameKana: "ハナコ", sex: "female", isHouseholdHead: false, relationship: "妻", dateOfBirth: new Date("1982-08-08T00:00:00Z") });
const NEIGHBOUR = resident({ id: rid(3), householdId: "00000000-0000-7000-8000-0000000000h2", familyName: "森", givenName: "大輔", familyNameKana: "モリ", givenNameKana: "ダイスケ", kosekiHeadName: "森 大輔", dateOfBirth: new Date("1979-01-20T00:00:00Z") });

const asPerson = (r: Resident, birth: string): SubjectPerson => ({ id: r.id, name: `${r.familyName} ${r.givenName}`, givenName: r.givenName, birth });
const P_ICHIRO = asPerson(ICHIRO, "昭和55年4月1日");
const P_HANAKO = asPerson(HANAKO, "昭和57年8月8日");

const residentSubject = (persons: SubjectPerson[], over: Partial<IndependentSubject> = {}): IndependentSubject => ({
  layout: "resident",
  unresolved: null,
  persons,
  requesterIds: [ICHIRO.id],
  requesterMayBeAbsent: false,
  headNames: ["山川 一郎"],
  ...over,
});

/** The 山川 register (tests/factories/certificate-rows.ts): every entry may appear; 一郎 is the requester. */
const YAMAKAWA_SUBJECT: IndependentSubject = {
  layout: "koseki",
  unresolved: null,
  persons: YAMAKAWA.map((m, i) => ({ id: memberId(i), name: `${m.familyName} ${m.givenName}`, givenName: m.givenName, birth: ["昭和55年4月1日", "昭和57年7月15日", "平成19年2月3日", "平成21年10月10日"][i] })),
  requesterIds: [memberId(0)],
  requesterMayBeAbsent: false,
  headNames: ["山川 一郎"],
};

const seal = (r: Resident) =>
  ({ id: "00000000-0000-7000-8000-0000000000s1", municipalityId: r.municipalityId, residentId: r.id, registrationNo: "000123", status: "active", registeredOn: new Date("2015-04-01"), abolishedOn: null, sealImage: samplePersonalSeal(), sealImageMime: "image/png", createdAt: NOW, updatedAt: NOW }) as SealRegistration;

const residenceOf = (household: Resident[], members: "all" | string[] = "all", issuance = ISSUANCE): BuiltDocument =>
  buildResidenceDocument({
    municipality,
    household,
    householdAddress: "中央市桜町一丁目2番3号",
    issuance,
    now: NOW,
    options: { members, includeHouseholdHeadAndRelationship: true, includeHonseki: true, includeMyNumber: false, includeForeignResidentItems: false },
    allowMyNumber: false,
  });

async function check(built: BuiltDocument, subject: IndependentSubject, issuance = ISSUANCE) {
  const r = await renderCertificate(built.document);
  return checkPdfSubject(r, { issuanceId: issuance.id, issuanceNo: issuance.no, verificationCode: issuance.verification.code, subjectDigest: built.document.subjectDigest }, subject);
}

describe("reading the printed names", () => {
  it("reads 氏名, 世帯主 and 筆頭者 of a 住民票 and does not take 「続柄世帯主」 for the 世帯主 row", () => {
    const text = "東市発行番号999997-2026-000001231/1住民票の写し住所中央市桜町一丁目2番3号世帯主山川一郎氏名山川一郎フリガナヤマカワイチロウ生年月日昭和55年4月1日性別男続柄世帯主住民となった日平成20年5月10日本籍北山県東市本町七番地筆頭者山川一郎以下余白この写しは…";
    expect(readPrintedNames(text, "resident")).toEqual([
      { kind: "household_head", name: "山川一郎" },
      { kind: "person", name: "山川一郎", after: "フリガナヤマカワイチロウ生年月日昭和55年4月1日性別男続柄世帯主住民となった日平成20年5月10日本籍北山県東市本町七番地筆頭者山川一郎" },
      { kind: "koseki_head", name: "山川一郎" },
    ]);
  });

  it("reads the register's 筆頭者 and each entry of a 戸籍, not the 【配偶者氏名】 of a 身分事項", () => {
    const text = "本籍北山県東市本町七番地氏名山川一郎戸籍事項戸籍編製【編製日】平成18年6月1日戸籍に記録されている者山川一郎【名】一郎【生年月日】昭和55年4月1日婚姻【配偶者氏名】川田桜子戸籍に記録されている者山川美咲除籍【名】美咲【生年月日】平成19年2月3日以下余白";
    expect(readPrintedNames(text, "koseki").map((s) => [s.kind, s.name])).toEqual([
      ["register_head", "山川一郎"],
      ["person", "山川一郎"],
      ["person", "山川美咲"],
    ]);
  });
});

describe("the right people pass", () => {
  it(
    "住民票 (世帯全員, 世帯主・続柄, 本籍・筆頭者), 印鑑, 税, 戸籍全部・個人, 附票",
    async () => {
      expect(await check(residenceOf([ICHIRO, HANAKO]), residentSubject([P_ICHIRO, P_HANAKO]))).toEqual({ ok: true });
      expect(await check(buildSealDocument({ municipality, requester: ICHIRO, address: "中央市桜町一丁目2番3号", registration: seal(ICHIRO), issuance: ISSUANCE, now: NOW }), residentSubject([P_ICHIRO]))).toEqual({ ok: true });
      const tax = buildTaxDocument({ municipality, requester: ICHIRO, address: "中央市桜町一丁目2番3号", record: taxRecord(), variant: "income-assessment", issuance: ISSUANCE, now: NOW });
      expect(await check(tax, residentSubject([P_ICHIRO]))).toEqual({ ok: true });
      const record = kosekiRecord(YAMAKAWA);
      expect(await check(buildKosekiDocument({ municipality, record, variant: "full", issuance: ISSUANCE, now: NOW }), YAMAKAWA_SUBJECT)).toEqual({ ok: true });
      expect(await check(buildFuhyoDocument({ municipality, record, members: record.members, issuance: ISSUANCE, now: NOW }), YAMAKAWA_SUBJECT)).toEqual({ ok: true });
      // 個人事項 of the son only: the requester is absent because the request chose someone else.
      const son = buildKosekiDocument({ municipality, record, variant: "individual", memberIds: [memberId(3)], issuance: ISSUANCE, now: NOW });
      expect(await check(son, { ...YAMAKAWA_SUBJECT, requesterMayBeAbsent: true })).toEqual({ ok: true });
      expect(await check(son, YAMAKAWA_SUBJECT)).toEqual({ ok: false, failure: "requester_missing" });
    },
    SLOW,
  );
});

describe("wrong PDFs are caught", () => {
  it("a certificate rendered for another resident: the old check passes it, the independent one does not", async () => {
    const other = buildSealDocument({ municipality, requester: NEIGHBOUR, address: "中央市梅町四丁目5番6号", registration: seal(NEIGHBOUR), issuance: ISSUANCE, now: NOW });
    const r = await renderCertificate(other.document);
    // Compared with the document made from the same (wrong) data, the PDF looks fine.
    expect(verifyRenderedPdf(other.document, r.pdf, r)).toMatchObject({ ok: true });
    expect(checkPdfSubject(r, { issuanceId: ISSUANCE.id, issuanceNo: ISSUANCE.no, verificationCode: ISSUANCE.verification.code, subjectDigest: other.document.subjectDigest }, residentSubject([P_ICHIRO]))).toEqual({ ok: false, failure: "name_not_allowed" });
    const otherResidence = residenceOf([NEIGHBOUR]);
    expect(await check(otherResidence, residentSubject([P_ICHIRO, P_HANAKO]))).toEqual({ ok: false, failure: "name_not_allowed" });
  });

  it("a 世帯全員 住民票 that includes a non-member", async () => {
    const built = residenceOf([ICHIRO, HANAKO, NEIGHBOUR]);
    const r = await renderCertificate(built.document);
    expect(verifyRenderedPdf(built.document, r.pdf, r)).toMatchObject({ ok: true });
    expect(checkPdfSubject(r, { issuanceId: ISSUANCE.id, issuanceNo: ISSUANCE.no, verificationCode: ISSUANCE.verification.code, subjectDigest: built.document.subjectDigest }, residentSubject([P_ICHIRO, P_HANAKO]))).toEqual({
      ok: false,
      failure: "name_not_allowed",
    });
  });

  it("a homonym with another date of birth", async () => {
    const namesake = resident({ id: rid(4), dateOfBirth: new Date("1991-09-09T00:00:00Z") });
    const built = buildSealDocument({ municipality, requester: namesake, address: "中央市桜町一丁目2番3号", registration: seal(namesake), issuance: ISSUANCE, now: NOW });
    expect(await check(built, residentSubject([P_ICHIRO]))).toEqual({ ok: false, failure: "person_details_mismatch" });
  });

  it("a 戸籍 of another family, and a 住民票 of chosen members that leaves the requester out unasked", async () => {
    const mori = kosekiRecord(YAMAKAWA.map((m) => ({ ...m, familyName: "森" })));
    expect(await check(buildKosekiDocument({ municipality, record: mori, variant: "full", issuance: ISSUANCE, now: NOW }), YAMAKAWA_SUBJECT)).toEqual({ ok: false, failure: "name_not_allowed" });
    expect(await check(residenceOf([ICHIRO, HANAKO], [HANAKO.id]), residentSubject([P_ICHIRO, P_HANAKO]))).toEqual({ ok: false, failure: "requester_missing" });
    expect(await check(residenceOf([ICHIRO, HANAKO], [HANAKO.id]), residentSubject([P_ICHIRO, P_HANAKO], { requesterMayBeAbsent: true }))).toEqual({ ok: true });
    expect(await check(residenceOf([ICHIRO]), { ...residentSubject([P_ICHIRO]), unresolved: "card_unknown" })).toEqual({ ok: false, failure: "subject_unresolved" });
  });

  it(
    "a PDF with a page from another issuance, with or without the first file's binding metadata",
    async () => {
      const record = kosekiRecord(YAMAKAWA);
      const mine = buildKosekiDocument({ municipality, record, variant: "full", issuance: ISSUANCE, now: NOW });
      const theirs = buildKosekiDocument({ municipality, record, variant: "full", issuance: printedIssuance("00000000-0000-7000-8000-00000000i002", "999997-2026-00000124", "8RBX-3QMA-0TKV"), now: NOW });
      const [a, b] = [await renderCertificate(mine.document), await renderCertificate(theirs.document)];
      expect(a.pageCount).toBe(2);
      const expected = { issuanceId: ISSUANCE.id, issuanceNo: ISSUANCE.no, verificationCode: ISSUANCE.verification.code, subjectDigest: mine.document.subjectDigest };
      expect(checkPdfSubject(a, expected, YAMAKAWA_SUBJECT)).toEqual({ ok: true });

      const spliced = await splicePages([
        { pdf: a.pdf, pages: [0] },
        { pdf: b.pdf, pages: [1] },
      ]);
      expect(checkPdfSubject(readPdfText(spliced), expected, YAMAKAWA_SUBJECT)).toEqual({ ok: false, failure: "binding_mismatch" });
      // Same people, right metadata: only the 発行番号 of page 2 gives it away.
      const rebound = readPdfText(withKeywords(spliced, bindingKeywords(expected)));
      expect(rebound.keywords).toBe(bindingKeywords(expected));
      expect(rebound.pageTexts[1]).toContain("山川健太");
      expect(checkPdfSubject(rebound, expected, YAMAKAWA_SUBJECT)).toEqual({ ok: false, failure: "page_missing_issuance_no" });
    },
    SLOW,
  );

  it(
    "a PDF whose second page carries another 照合番号 (same issuance, same binding): both checks refuse it",
    async () => {
      const record = kosekiRecord(YAMAKAWA);
      const mine = buildKosekiDocument({ municipality, record, variant: "full", issuance: ISSUANCE, now: NOW });
      const recoded = buildKosekiDocument({ municipality, record, variant: "full", issuance: printedIssuance(ISSUANCE.id, ISSUANCE.no, "8RBX-3QMA-0TKV"), now: NOW });
      const [a, b] = [await renderCertificate(mine.document), await renderCertificate(recoded.document)];
      const expected = { issuanceId: ISSUANCE.id, issuanceNo: ISSUANCE.no, verificationCode: ISSUANCE.verification.code, subjectDigest: mine.document.subjectDigest };
      expect(checkPdfSubject(a, expected, YAMAKAWA_SUBJECT)).toEqual({ ok: true });
      expect(a.pageTexts.every((t) => t.includes(`照合番号${ISSUANCE.verification.code}`))).toBe(true);

      const spliced = readPdfText(withKeywords(await splicePages([{ pdf: a.pdf, pages: [0] }, { pdf: b.pdf, pages: [1] }]), bindingKeywords(expected)));
      // Everything else about page 2 is right: this issuance's 発行番号 and page 2/2, the same people.
      expect(spliced.pageTexts[1]).toContain(`発行番号${ISSUANCE.no}2/2`);
      expect(checkPdfSubject(spliced, expected, YAMAKAWA_SUBJECT)).toEqual({ ok: false, failure: "page_missing_verification_code" });
      expect(verifyRenderedPdf(mine.document, a.pdf, spliced)).toEqual({ ok: false, failure: "page_missing_verification_code" });
    },
    SLOW,
  );
});
