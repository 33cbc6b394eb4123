// The 税, 戸籍 and 附票 builders are pure functions of the rows read in the issuing transaction: these tests
// pass plain objects shaped as the Prisma rows.
import { describe, expect, it } from "vitest";
import { namesIn } from "../pdf/document-model";
import { buildFuhyoDocument } from "./build-fuhyo-document";
import { buildKosekiDocument } from "./build-koseki-document";
import { buildTaxDocument } from "./build-tax-document";
import { subjectDigest } from "./subject-digest";
import { ISSUANCE, kosekiRecord, memberId, municipality, NON_TAXABLE, NOW, resident, taxRecord, YAMAKAWA } from "@/tests/factories/certificate-rows";

const taxArgs = (over: Parameters<typeof taxRecord>[0] = {}, variant: "income" | "assessment" | "income-assessment" = "income-assessment") => ({
  municipality,
  requester: resident(),
  address: "中央市桜町一丁目2番3号",
  record: taxRecord(over),
  variant,
  issuance: ISSUANCE,
  now: NOW,
});

describe("buildTaxDocument", () => {
  it("prints the fiscal year, the taxpayer and formatted figures, bound to the request", () => {
    const built = buildTaxDocument(taxArgs());
    const doc = built.document;
    expect(doc.title).toBe("令和8年度　所得・課税証明書");
    expect(doc.certificationText).toBe("上記のとおり証明します。");
    expect(doc.issuedOn).toBe("令和8年11月27日");
    expect(doc.body).toMatchObject({
      kind: "tax",
      variant: "income-assessment",
      fiscalYearLabel: "令和8年度",
      incomeYearLabel: "令和7年中",
      person: { name: "山川 一郎", fields: [["住所", "中央市桜町一丁目2番3号"], ["生年月日", "昭和55年4月1日"]] },
      income: [{ label: "給与", revenue: "4,500,000", amount: "3,160,000" }],
      totalIncome: "3,160,000",
      totalDeductions: "1,412,500",
      dependents: "1人",
      taxableIncome: "1,747,000",
      nonTaxable: false,
      taxes: { municipal: { incomeLevy: "104,700", perCapita: "3,000", total: "107,700" }, prefectural: { incomeLevy: "69,800", perCapita: "1,000", total: "70,800" }, annualTotal: "178,500" },
    });
    expect(built.residentIds).toEqual([resident().id]);
    expect(built.sensitiveReads).toEqual(["tax"]);
    expect(doc.subjectDigest).toBe(
      subjectDigest({ issuanceId: ISSUANCE.id, issuanceNo: ISSUANCE.no, municipalityCode: municipality.code, certificateType: "tax-income-assessment", persons: [{ id: resident().id, name: "山川 一郎" }] }),
    );
    expect(buildTaxDocument(taxArgs({}, "income")).document.subjectDigest).not.toBe(doc.subjectDigest);
    expect(namesIn(doc)).toEqual(["山川 一郎"]);
  });

  it("names 課税 or 非課税 on the assessment certificate and prints no taxes when 非課税", () => {
    expect(buildTaxDocument(taxArgs({}, "assessment")).document.title).toBe("令和8年度　課税証明書");
    const exempt = buildTaxDocument(taxArgs(NON_TAXABLE, "assessment")).document;
    expect(exempt.title).toBe("令和8年度　非課税証明書");
    expect(exempt.body).toMatchObject({ nonTaxable: true, taxes: null, taxableIncome: "0" });
  });

  it("labels the first 令和 fiscal year 令和元年度 and its income year 平成30年中; foreign residents' dates in 西暦", () => {
    const body = buildTaxDocument({ ...taxArgs({ fiscalYear: 2019 }), requester: resident({ nationality: "ベトナム" }) }).document.body;
    expect(body).toMatchObject({ fiscalYearLabel: "令和元年度", incomeYearLabel: "平成30年中" });
    expect(body.kind === "tax" && body.person.fields[1]).toEqual(["生年月日", "1980年4月1日"]);
  });

  it("refuses a year the person was not resident on 1 January", () => {
    expect(() => buildTaxDocument(taxArgs({ residentOnJan1: false }))).toThrow(expect.objectContaining({ code: "tax_not_resident_on_jan1", status: 403 }));
  });

  it("never builds from another person's record or from figures that do not add up", () => {
    expect(() => buildTaxDocument(taxArgs({ residentId: "someone-else" }))).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => buildTaxDocument(taxArgs({ municipalTax: 107_800 }))).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => buildTaxDocument(taxArgs({ details: { income: "x" } }))).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => buildTaxDocument(taxArgs({ details: { income: [], deductions: [] } }))).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => buildTaxDocument(taxArgs({ ...NON_TAXABLE, municipalTax: 3_000 }))).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
  });
});

describe("buildKosekiDocument", () => {
  const full = (record = kosekiRecord(YAMAKAWA)) => buildKosekiDocument({ municipality, record, variant: "full", issuance: ISSUANCE, now: NOW });

  it("prints every member in register order, removed ones marked, dates in 和暦", () => {
    const built = full();
    const doc = built.document;
    expect(doc.title).toBe("全部事項証明");
    expect(doc.certificationText).toBe("これは、戸籍に記録されている事項の全部を証明した書面である。");
    if (doc.body.kind !== "koseki") throw new Error("not a koseki body");
    expect(doc.body).toMatchObject({ recordKind: "current", variant: "full", honseki: "北山県東市本町七番地", headName: "山川 一郎" });
    expect(doc.body.recordEvents).toEqual([{ kind: "戸籍編製", fields: [["編製日", "平成18年6月1日"]] }]);
    expect(doc.body.members.map((m) => [m.name, m.removed])).toEqual([
      ["山川 一郎", false],
      ["山川 桜子", false],
      ["山川 美咲", true],
      ["山川 健太", false],
    ]);
    expect(doc.body.members[0].fields).toEqual([
      ["名", "一郎"],
      ["生年月日", "昭和55年4月1日"],
      ["配偶者区分", "夫"],
      ["父", "山川 太一"],
      ["母", "山川 花子"],
      ["続柄", "長男"],
    ]);
    expect(doc.body.members[0].events[1]).toEqual({
      kind: "婚姻",
      fields: [
        ["婚姻日", "平成18年6月1日"],
        ["配偶者氏名", "川田 桜子"],
        ["従前戸籍", "北山県東市本町七番地 山川 太一"],
      ],
    });
    expect(namesIn(doc)).toEqual(["山川 一郎", "山川 桜子", "山川 美咲", "山川 健太"]);
    expect(built.residentIds).toEqual([0, 1, 2, 3].map(memberId));
    expect(built.sensitiveReads).toEqual(["koseki"]);
    expect(doc.subjectDigest).toBe(
      subjectDigest({
        issuanceId: ISSUANCE.id,
        issuanceNo: ISSUANCE.no,
        municipalityCode: municipality.code,
        certificateType: "koseki-full",
        persons: namesIn(doc).map((name, i) => ({ id: memberId(i), name })),
      }),
    );
  });

  it("takes 戸籍事項 only from events without a member, in position order; skips empty values", () => {
    const record = kosekiRecord(YAMAKAWA, {
      recordEvents: [
        ["転籍", [{ label: "転籍日", value: "2010-01-05", type: "date" }, { label: "従前本籍", value: "" }]],
        ["編製", [{ label: "編製日", value: "2006-06-01", type: "date" }]],
      ],
    });
    record.events.reverse();
    // A caller that loads every event of the register passes 身分事項 here too.
    record.events.push(...record.members[0].events);
    const body = full(record).document.body;
    expect(body.kind === "koseki" && body.recordEvents).toEqual([
      { kind: "転籍", fields: [["転籍日", "平成22年1月5日"]] },
      { kind: "戸籍編製", fields: [["編製日", "平成18年6月1日"]] },
    ]);
  });

  it("個人事項証明 holds only the chosen members, in register order", () => {
    const built = buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA), variant: "individual", memberIds: [memberId(3), memberId(0)], issuance: ISSUANCE, now: NOW });
    expect(built.document.title).toBe("個人事項証明");
    expect(built.document.certificationText).toBe("これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。");
    expect(namesIn(built.document)).toEqual(["山川 一郎", "山川 健太"]);
    expect(built.residentIds).toEqual([memberId(0), memberId(3)]);
  });

  it("refuses an individual certificate without members, or of someone not in the register", () => {
    const ind = (memberIds?: string[]) => () => buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA), variant: "individual", memberIds, issuance: ISSUANCE, now: NOW });
    for (const ids of [undefined, [], ["not-a-member"], [memberId(0), memberId(0)]]) {
      expect(ind(ids)).toThrow(expect.objectContaining({ code: "koseki_member_not_in_record" }));
    }
  });

  it("names 除籍 and 改製原戸籍 in the title and 認証文", () => {
    const joseki = buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA, { kind: "joseki" }), variant: "full", issuance: ISSUANCE, now: NOW }).document;
    expect([joseki.title, joseki.certificationText]).toEqual(["除籍全部事項証明", "これは、除籍に記録されている事項の全部を証明した書面である。"]);
    const kaisei = buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA, { kind: "kaisei_genkoseki" }), variant: "individual", memberIds: [memberId(0)], issuance: ISSUANCE, now: NOW }).document;
    expect([kaisei.title, kaisei.certificationText]).toEqual(["改製原戸籍個人事項証明", "これは、改製原戸籍中の一部の者について記録されている事項の全部を証明した書面である。"]);
  });

  it("refuses a register with a pending filing and never mixes rows of another register", () => {
    expect(() => full(kosekiRecord(YAMAKAWA, { pendingFiling: true }))).toThrow(expect.objectContaining({ code: "koseki_pending_filing" }));
    const foreign = kosekiRecord(YAMAKAWA);
    foreign.members[1] = { ...foreign.members[1], kosekiRecordId: "another-register" };
    expect(() => full(foreign)).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    const swapped = kosekiRecord(YAMAKAWA);
    swapped.members[0].events.push(swapped.members[1].events[0]);
    expect(() => full(swapped)).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => buildKosekiDocument({ municipality: { ...municipality, id: "other" }, record: kosekiRecord(YAMAKAWA), variant: "full", issuance: ISSUANCE, now: NOW })).toThrow(
      expect.objectContaining({ code: "certificate_data_invalid" }),
    );
  });

  it("rejects malformed event fields rather than printing them", () => {
    const bad = kosekiRecord(YAMAKAWA);
    bad.members[0].events[0] = { ...bad.members[0].events[0], fields: [{ label: "出生日", value: "昭和55年", type: "date" }] };
    expect(() => full(bad)).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    bad.members[0].events[0] = { ...bad.members[0].events[0], fields: { label: "出生日" } };
    expect(() => full(bad)).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
  });
});

describe("buildFuhyoDocument", () => {
  const fuhyo = (memberIds?: string[], record = kosekiRecord(YAMAKAWA)) => buildFuhyoDocument({ municipality, record, members: record.members, memberIds, issuance: ISSUANCE, now: NOW });

  it("prints the members still in the register with their address history in 和暦", () => {
    const built = fuhyo();
    expect(built.document.title).toBe("戸籍の附票の写し");
    expect(built.document.certificationText).toBe("この写しは、戸籍の附票の原本と相違ないことを証明する。");
    const body = built.document.body;
    if (body.kind !== "fuhyo") throw new Error("not a fuhyo body");
    expect(body.headName).toBe("山川 一郎");
    expect(body.members.map((m) => m.name)).toEqual(["山川 一郎", "山川 桜子", "山川 健太"]);
    expect(body.members[0]).toEqual({
      name: "山川 一郎",
      fields: [
        ["名", "一郎"],
        ["生年月日", "昭和55年4月1日"],
      ],
      lines: [
        { address: "中央市梅町四丁目5番6号", addressSetOn: "平成18年6月1日" },
        { address: "中央市桜町一丁目2番3号", addressSetOn: "令和2年3月1日" },
      ],
    });
    expect(built.residentIds).toEqual([memberId(0), memberId(1), memberId(3)]);
    expect(built.sensitiveReads).toEqual(["fuhyo"]);
    expect(namesIn(built.document)).toEqual(["山川 一郎", "山川 桜子", "山川 健太"]);
  });

  it("limits to the chosen members and refuses when nothing is left to certify", () => {
    expect(fuhyo([memberId(3)]).residentIds).toEqual([memberId(3)]);
    expect(() => fuhyo([memberId(2)])).toThrow(expect.objectContaining({ code: "fuhyo_entries_missing" }));
    expect(() => fuhyo(["stranger"])).toThrow(expect.objectContaining({ code: "koseki_member_not_in_record" }));
  });

  it("never prints a 附票 line of another member or register", () => {
    const record = kosekiRecord(YAMAKAWA);
    record.members[1].fuhyoEntries.push(record.members[0].fuhyoEntries[0]);
    expect(() => fuhyo(undefined, record)).toThrow(expect.objectContaining({ code: "certificate_data_invalid" }));
    expect(() => fuhyo(undefined, kosekiRecord(YAMAKAWA, { pendingFiling: true }))).toThrow(expect.objectContaining({ code: "koseki_pending_filing" }));
  });
});
