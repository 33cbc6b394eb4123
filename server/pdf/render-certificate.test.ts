// Renders certificates directly (no database, no worker pool) and reads the bytes back with pdf.js: the
// text meant is the text printed, every page of a long 戸籍 is bound to its 発行番号 and numbered n/m, the
// font fallback chain draws MJ characters, and a character no font can draw is refused before rendering.
// PDF_DUMP_DIR=/tmp/pdfs keeps the rendered files for a look (pdftoppm -png -r 60 …).
import { openSync, type Font as FontkitFont } from "fontkit";
import crypto from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFuhyoDocument } from "../certificates/build-fuhyo-document";
import { buildKosekiDocument } from "../certificates/build-koseki-document";
import type { BuiltDocument } from "../certificates/build-residence-document";
import { buildTaxDocument } from "../certificates/build-tax-document";
import { ISSUANCE, kosekiRecord, memberId, municipality, NON_TAXABLE, NOW, resident, taxRecord, YAMAKAWA, type MemberSpec } from "@/tests/factories/certificate-rows";
import { verifyRenderedPdf } from "../issuance/verify-rendered-pdf";
import type { CertificateDocument } from "./document-model";
import { DEFAULT_FALLBACK_FONT, FONT_CHAIN, FONT_FILES, fallbackFontFiles, printableCodePoint, unprintableCharacters } from "./fonts";
import { MissingOfficialSealError, renderCertificate, UnprintableCharactersError, type RenderedCertificate } from "./render-certificate";

const SLOW = 60_000;

async function render(doc: CertificateDocument, name: string): Promise<RenderedCertificate & { all: string }> {
  const r = await renderCertificate(doc);
  const dir = process.env.PDF_DUMP_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.pdf`), r.pdf);
  }
  // The post-render check the issuance runs: binding metadata, 発行番号 on every page, every name printed.
  expect(verifyRenderedPdf(doc, r.pdf, r)).toMatchObject({ ok: true });
  return { ...r, all: r.pageTexts.join("") };
}

const tax = (variant: "income" | "assessment" | "income-assessment", over = {}): BuiltDocument =>
  buildTaxDocument({ municipality, requester: resident(), address: "中央市桜町一丁目2番3号", record: taxRecord(over), variant, issuance: ISSUANCE, now: NOW });

describe("tax certificates", () => {
  it(
    "所得・課税証明書 prints the income, deductions and taxes with 和暦 dates",
    async () => {
      const { all, pageCount } = await render(tax("income-assessment").document, "tax-income-assessment");
      expect(pageCount).toBe(1);
      for (const s of [
        "令和8年度所得・課税証明書",
        "（令和7年中の所得）",
        "氏名山川一郎",
        "住所中央市桜町一丁目2番3号",
        "生年月日昭和55年4月1日",
        "所得の種類収入金額（円）所得金額（円）給与4,500,0003,160,000合計所得金額3,160,000",
        "社会保険料控除652,500配偶者控除330,000基礎控除430,000所得控除合計1,412,500扶養人数1人",
        "課税標準額（円）1,747,000",
        "市町村民税104,7003,000107,700",
        "道府県民税69,8001,00070,800",
        "年税額178,500",
        "上記のとおり証明します。令和8年11月27日東市長北村次郎",
        `発行番号${ISSUANCE.no}1/1`,
      ]) {
        expect(all).toContain(s);
      }
    },
    SLOW,
  );

  it("所得証明書 prints the income section only; 非課税証明書 prints 「非課税」 and no income", async () => {
    const income = (await render(tax("income").document, "tax-income")).all;
    expect(income).toContain("令和8年度所得証明書");
    expect(income).toContain("合計所得金額3,160,000");
    expect(income).not.toContain("課税標準額");
    expect(income).not.toContain("市町村民税");

    const exempt = (await render(tax("assessment", NON_TAXABLE).document, "tax-assessment-nontaxable")).all;
    expect(exempt).toContain("令和8年度非課税証明書");
    expect(exempt).toContain("課税標準額（円）0");
    expect(exempt).toContain("市町村民税・道府県民税非課税");
    expect(exempt).not.toContain("所得の内訳");
    expect(exempt).not.toContain("給与");
  });
});

describe("戸籍 and 附票", () => {
  it(
    "全部事項証明 prints the register in the computerised layout, removed members with 「除籍」",
    async () => {
      const built = buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA), variant: "full", issuance: ISSUANCE, now: NOW });
      const { all } = await render(built.document, "koseki-full");
      for (const s of [
        "全部事項証明",
        "本籍北山県東市本町七番地氏名山川一郎",
        "戸籍事項戸籍編製【編製日】平成18年6月1日",
        "戸籍に記録されている者山川一郎【名】一郎【生年月日】昭和55年4月1日【配偶者区分】夫【父】山川太一【母】山川花子【続柄】長男",
        "身分事項出生【出生日】昭和55年4月1日【出生地】北山県東市【届出日】昭和55年4月1日【届出人】父",
        "婚姻【婚姻日】平成18年6月1日【配偶者氏名】川田桜子【従前戸籍】北山県東市本町七番地山川太一",
        "戸籍に記録されている者山川美咲除籍【名】美咲【生年月日】平成19年2月3日",
        "【婚姻日】令和7年11月22日【配偶者氏名】森大輔【新本籍】北山県東市森町三番地【称する氏】夫の氏",
        "以下余白これは、戸籍に記録されている事項の全部を証明した書面である。令和8年11月27日東市長北村次郎",
      ]) {
        expect(all).toContain(s);
      }
    },
    SLOW,
  );

  it("個人事項証明 prints only the chosen member", async () => {
    const built = buildKosekiDocument({ municipality, record: kosekiRecord(YAMAKAWA), variant: "individual", memberIds: [memberId(3)], issuance: ISSUANCE, now: NOW });
    const { all } = await render(built.document, "koseki-individual");
    expect(all).toContain("個人事項証明");
    expect(all).toContain("戸籍に記録されている者山川健太【名】健太【生年月日】平成21年10月10日");
    expect(all).toContain("これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。");
    for (const other of ["【名】一郎", "【名】桜子", "美咲"]) expect(all).not.toContain(other);
  });

  it("戸籍の附票の写し prints each member's address history in 和暦", async () => {
    const record = kosekiRecord(YAMAKAWA);
    const built = buildFuhyoDocument({ municipality, record, members: record.members, issuance: ISSUANCE, now: NOW });
    const { all } = await render(built.document, "koseki-fuhyo");
    expect(all).toContain("戸籍の附票の写し");
    expect(all).toContain("本籍北山県東市本町七番地氏名山川一郎");
    expect(all).toContain("附票に記録されている者山川一郎【名】一郎【生年月日】昭和55年4月1日住所住所を定めた年月日中央市梅町四丁目5番6号平成18年6月1日中央市桜町一丁目2番3号令和2年3月1日");
    expect(all).toContain("附票に記録されている者山川健太");
    expect(all).not.toContain("美咲"); // removed from the register: her 附票 is the new register's
    expect(all).toContain("この写しは、戸籍の附票の原本と相違ないことを証明する。");
  });
});

describe("a 10-page 戸籍", () => {
  const A = ["太", "健", "誠", "翔", "大", "蓮", "陽", "悠", "湊", "颯"];
  const B = ["一", "二", "介", "斗", "人", "也", "樹"];
  // 20 members with 4 身分事項 each fill ten pages in the current layout (19 also does; 18 give nine, 21 eleven).
  const MEMBERS = 20;
  const specs: MemberSpec[] = Array.from({ length: MEMBERS }, (_, i) => {
    const year = 1950 + i;
    return {
      familyName: "宮沢",
      givenName: `${A[i % A.length]}${B[Math.floor(i / A.length) % B.length]}`,
      dob: `${year}-0${1 + (i % 9)}-1${i % 10}`,
      relationship: i === 0 ? "長男" : `${["長", "二", "三", "四"][i % 4]}男`,
      fatherName: "宮沢 正",
      motherName: "宮沢 京子",
      removed: i % 3 === 2,
      events: [
        ["婚姻", [{ label: "婚姻日", value: `${year + 25}-05-0${1 + (i % 9)}`, type: "date" }, { label: "配偶者氏名", value: `上條 ${B[i % B.length]}美` }, { label: "従前戸籍", value: "長野県上高井郡小布施町大字小布施八百九十番地 宮沢 正" }]],
        ["養子縁組", [{ label: "縁組日", value: `${year + 30}-03-2${i % 10}`, type: "date" }, { label: "共同縁組者", value: "妻" }, { label: "養子氏名", value: `上條 翔${A[i % A.length]}` }]],
        ["転籍", [{ label: "転籍日", value: `${year + 35}-11-0${1 + (i % 9)}`, type: "date" }, { label: "従前本籍", value: "長野県松本市丸の内三番七号" }]],
      ],
    };
  });
  const doc = () => buildKosekiDocument({ municipality, record: kosekiRecord(specs), variant: "full", issuance: ISSUANCE, now: NOW }).document;

  it(
    "every page carries the same 発行番号 and n/10, every page's text is its own, and a re-render is identical",
    async () => {
      const first = await render(doc(), "koseki-10-pages");
      expect(first.pageCount).toBe(10);
      const header = (n: number) => `発行番号${ISSUANCE.no}${n}/10`;
      first.pageTexts.forEach((text, i) => expect(text).toContain(header(i + 1)));

      const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
      const digests = first.pageTexts.map(sha);
      expect(new Set(digests).size).toBe(10);
      // Not only the page numbers differ: the bodies do.
      expect(new Set(first.pageTexts.map((t, i) => sha(t.replace(header(i + 1), "")))).size).toBe(10);
      // Every member is on some page, removed ones too; the last page ends with the 認証文.
      for (const s of specs) expect(first.all).toContain(`${s.familyName}${s.givenName}`);
      expect(first.pageTexts[9]).toContain("これは、戸籍に記録されている事項の全部を証明した書面である。");

      const again = await renderCertificate(doc());
      expect(again.pageTexts.map(sha)).toEqual(digests);
    },
    SLOW,
  );
});

describe("font fallback chain", () => {
  // U+2A6A5 𪚥 (CJK Extension B): not in Noto Sans JP, drawn by IPAmj明朝.
  const MJ = "\u{2A6A5}";
  const haveIpamj = FONT_CHAIN.some((f) => f.regular === DEFAULT_FALLBACK_FONT) && existsSync(DEFAULT_FALLBACK_FONT);
  if (!haveIpamj) console.warn(`IPAmj明朝 (${DEFAULT_FALLBACK_FONT}) is not installed: the MJ fallback test is skipped (apt-get install fonts-ipamj-mincho)`);

  it.skipIf(!haveIpamj)(
    "draws a character Noto Sans JP lacks from IPAmj明朝, and pdf.js extracts it (skipped without fonts-ipamj-mincho)",
    async () => {
      const noto = openSync(FONT_FILES.regular) as FontkitFont;
      const mj = openSync(DEFAULT_FALLBACK_FONT) as FontkitFont;
      expect(noto.hasGlyphForCodePoint(MJ.codePointAt(0)!)).toBe(false);
      expect(mj.hasGlyphForCodePoint(MJ.codePointAt(0)!)).toBe(true);
      expect(unprintableCharacters(`山川 ${MJ}子`)).toEqual([]);

      const specs: MemberSpec[] = [{ ...YAMAKAWA[0], givenName: `${MJ}子` }];
      const built = buildKosekiDocument({ municipality, record: kosekiRecord(specs), variant: "full", issuance: ISSUANCE, now: NOW });
      const r = await render(built.document, "koseki-mj");
      expect(r.all).toContain(`氏名山川${MJ}子`);
      expect(r.all).toContain(`【名】${MJ}子`);
      // Both fonts are embedded: Noto for the rest, IPAmj for the one character.
      const raw = Buffer.from(r.pdf).toString("latin1");
      expect(raw).toMatch(/FontName \/[A-Z]{6}\+NotoSansJP/);
      expect(raw).toMatch(/FontName \/[A-Z]{6}\+IPAmjMincho/);
    },
    SLOW,
  );

  it("refuses, before rendering, a character no font of the chain can draw", async () => {
    // U+31350 (CJK Extension H) and U+E000 (private use, where 外字 live) are in no font of the chain.
    for (const ch of ["\u{31350}", "\uE000"]) {
      expect(printableCodePoint(ch.codePointAt(0)!)).toBe(false);
      const specs: MemberSpec[] = [{ ...YAMAKAWA[0], givenName: `${ch}郎` }];
      const built = buildKosekiDocument({ municipality, record: kosekiRecord(specs), variant: "full", issuance: ISSUANCE, now: NOW });
      const refused = renderCertificate(built.document);
      await expect(refused).rejects.toBeInstanceOf(UnprintableCharactersError);
      await expect(refused).rejects.toMatchObject({ characters: [ch] });
    }
  });

  it("never draws a certificate without its 公印: refused before rendering; a staff preview shows 「公印未登録」", async () => {
    const built = buildFuhyoDocument({ municipality: { ...municipality, sealImage: null, sealImageMime: null }, record: kosekiRecord(YAMAKAWA), members: kosekiRecord(YAMAKAWA).members, issuance: ISSUANCE, now: NOW });
    expect(built.document.municipality.sealImage).toBeNull();
    await expect(renderCertificate(built.document)).rejects.toBeInstanceOf(MissingOfficialSealError);
    const sample = await renderCertificate({ ...built.document, sample: true });
    expect(sample.pageTexts.join("")).toContain("公印未登録");
  });

  it("reports an ideographic variation sequence as one unprintable item (react-pdf would split it)", () => {
    expect(unprintableCharacters("葛\u{E0100}飾 区")).toEqual(["葛\u{E0100}"]);
    expect(unprintableCharacters("山川 一郎\u3000中央市")).toEqual([]);
  });

  it("reads the fallback files from PDF_FALLBACK_FONTS, defaulting to IPAmj明朝 when installed", () => {
    expect(fallbackFontFiles({ PDF_FALLBACK_FONTS: "" })).toEqual([]);
    expect(fallbackFontFiles({ PDF_FALLBACK_FONTS: `${FONT_FILES.bold}: ${FONT_FILES.regular}` })).toEqual([FONT_FILES.bold, FONT_FILES.regular]);
    expect(() => fallbackFontFiles({ PDF_FALLBACK_FONTS: "/nonexistent/font.ttf" })).toThrow(/do not exist/);
    expect(fallbackFontFiles({})).toEqual(existsSync(DEFAULT_FALLBACK_FONT) ? [DEFAULT_FALLBACK_FONT] : []);
    expect(FONT_CHAIN[0].family).toBe("NotoSansJP");
  });
});
