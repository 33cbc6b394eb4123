import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { ReportData } from "./report-data";
import { encodeCsv, reportCsvRows, toCsvText } from "./report-csv";

// CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @ (or a tab / CR
// before one) as a formula, quoted or not. Text cells get a leading ' ; figures are written as numbers.

const cells = (text: string): string[][] => parse(text, { bom: true }) as string[][];

describe("report CSV cells", () => {
  it.each([
    ["=", "=HYPERLINK(\"https://evil.example\",\"開く\")"],
    ["+", "+1+cmd|' /C calc'!A0"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A9)"],
    ["tab", "\t=1+1"],
    ["CR", "\r=1+1"],
    ["full-width =", "＝1+1"],
  ])("neutralises a text cell starting with %s", (_name, value) => {
    expect(cells(toCsvText([[value]]))).toEqual([[`'${value}`]]);
  });

  it("leaves other text alone and still doubles quotes", () => {
    expect(toCsvText([["世田谷区", "a \"b\"", "", "1=1"]])).toBe('"世田谷区","a ""b""","","1=1"\r\n');
  });

  it("writes figures as numbers: a negative amount stays -200, not '-200", () => {
    expect(toCsvText([[-200, 0, 1500, null]])).toBe('"-200","0","1500",""\r\n');
  });

  it("neutralises names and labels that reach the monthly report, in both encodings, and keeps its figures numeric", () => {
    const row = { label: "=1+1", count: 2, copies: 3, feeTotal: -200, key: "x" };
    const data = {
      month: "2026-11",
      municipality: { id: "m", code: "131121", name: "@SUM(1+1)*cmd|' /C calc'!A0" },
      stats: {
        totals: { count: 2, copies: 3, feeTotal: -200 },
        previousMonth: { count: 0, copies: 0, feeTotal: 0, month: "2026-10" },
        sameMonthLastYear: { count: 0, copies: 0, feeTotal: 0, month: "2025-11" },
        byType: [row],
        byFee: [{ ...row, label: "-住民票の写し", feePerCopy: 200 }],
        byResidence: [{ ...row, label: "+区外" }],
        byDay: [],
        byHour: [],
        byWeekday: [],
      },
      settlement: { totals: { commission: 0 }, chains: [], counterCopies: 0, kioskShare: null },
    } as unknown as ReportData;

    const rows = reportCsvRows(data);
    const { utf8, sjis } = encodeCsv(rows);
    for (const parsed of [cells(utf8.toString("utf8")), cells(iconv.decode(sjis, "cp932"))]) {
      expect(parsed[1]![1]).toBe(`'@SUM(1+1)*cmd|' /C calc'!A0（131121）令和8年11月分`);
      expect(parsed.find((r) => r[0] === "証明書の種類")).toEqual(["証明書の種類", "'=1+1", "2", "3", "-200", ""]);
      expect(parsed.find((r) => r[0] === "手数料単価")?.[1]).toBe("'-住民票の写し 200円");
      expect(parsed.find((r) => r[0] === "利用者")?.[1]).toBe("'+区外");
      expect(parsed[2]).toEqual(["合計", "当月（令和8年11月）", "2", "3", "-200", "0"]);
      // Apart from the figures, no cell may start like a formula.
      for (const c of parsed.flat().filter((c) => !/^-?\d+(\.\d+)?$/.test(c))) expect(c).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
    }
  });
});
