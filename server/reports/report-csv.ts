// The monthly report as CSV for Excel: one long table (区分, 項目, figures), every field quoted, CRLF line
// ends; UTF-8 with a BOM (Excel detects the encoding by it) and Shift_JIS as Windows-31J (cp932, what Excel
// means by Shift_JIS). A character cp932 lacks (e.g. 𠮷) becomes "?" in the Shift_JIS file only.
//
// CSV injection: names and labels (a municipality's name, certificate type and fee labels) are text someone
// typed, and a spreadsheet runs a cell starting with = + - @ as a formula whether it is quoted or not. Every
// text cell goes through neutralise: text starting like a formula gets a leading ' (OWASP). Figures are numbers in
// the rows, not strings, so they are written as they are — a negative amount stays -200 and sums in Excel —
// and only a finite number can take that path, which prints as digits, '-', '.' and 'e' only.
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { storeChainName } from "@/lib/store-chains";
import { monthLabel, addMonths } from "@/lib/months";
import type { ReportData } from "./report-data";

export const CSV_HEADER = ["区分", "項目", "発行件数", "発行通数", "手数料（円）", "委託手数料（円）"] as const;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Text, a figure, or empty. */
export type CsvCell = string | number | null;

// OWASP's list (= + - @, tab, CR), plus LF and the full-width forms Japanese input produces: a label
// starting with them is rare, and the ' costs nothing.
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

/** Text that a spreadsheet would read as a formula is prefixed with '. */
const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

export function reportCsvRows(d: ReportData): CsvCell[][] {
  const s = d.stats;
  const n = (v: number | null | undefined) => v ?? null;
  const rows: CsvCell[][] = [[...CSV_HEADER]];
  const add = (section: string, item: string, t: { count?: number; copies?: number; feeTotal?: number }, commission?: number | null) =>
    rows.push([section, item, n(t.count), n(t.copies), n(t.feeTotal), n(commission)]);
  add("対象", `${d.municipality.name}（${d.municipality.code}）${monthLabel(d.month)}分`, {});
  add("合計", `当月（${monthLabel(d.month)}）`, s.totals, d.settlement.totals.commission);
  add("合計", `前月（${monthLabel(addMonths(d.month, -1))}）`, s.previousMonth);
  add("合計", `前年同月（${monthLabel(addMonths(d.month, -12))}）`, s.sameMonthLastYear);
  for (const r of s.byType) add("証明書の種類", r.label, r);
  for (const r of s.byFee) add("手数料単価", `${r.label} ${r.feePerCopy}円`, r);
  for (const c of d.settlement.chains) add("コンビニチェーン", storeChainName(c.storeChain), c, c.commission);
  for (const r of s.byResidence) add("利用者", r.label, r);
  for (const r of s.byDay) add("日別", r.key, r);
  for (const r of s.byHour) add("時間帯別", r.label, r);
  for (const r of s.byWeekday) add("曜日別", r.label, r);
  rows.push(["窓口交付", "窓口での発行通数", null, n(d.settlement.counterCopies), null, null]);
  // A percentage with one decimal as text ("12.0"): it starts with a digit, so it needs no '.
  rows.push(["コンビニ交付率", "コンビニ交付の割合（%）", null, d.settlement.kioskShare === null ? null : (d.settlement.kioskShare * 100).toFixed(1), null, null]);
  return rows;
}

/** csv-stringify (the companion of the csv-parse the imports use): every field quoted, empty ones too, CRLF after each row. */
export function toCsvText(rows: CsvCell[][]): string {
  return stringify(rows, {
    quoted: true,
    quoted_empty: true,
    record_delimiter: "\r\n",
    cast: { string: neutralise, number: (v) => (Number.isFinite(v) ? String(v) : "") },
  });
}

const encodeText = (text: string, encoding: "utf8" | "sjis"): Buffer => (encoding === "utf8" ? Buffer.concat([BOM, Buffer.from(text, "utf8")]) : iconv.encode(text, "cp932"));

/** Both encodings (a monthly report stores both). */
export function encodeCsv(rows: CsvCell[][]): { utf8: Buffer; sjis: Buffer } {
  const text = toCsvText(rows);
  return { utf8: encodeText(text, "utf8"), sjis: encodeText(text, "sjis") };
}

/** One encoding: UTF-8 with a BOM, or Shift_JIS (Windows-31J). */
export const encodeCsvAs = (rows: CsvCell[][], encoding: "utf8" | "sjis"): Buffer => encodeText(toCsvText(rows), encoding);

/**
 * Rows that arrive page by page (a year of a large city's log is read a page at a time, never whole), encoded
 * as they come: the BOM once, then each page's lines. cp932 is stateless, so encoding page by page gives the
 * same bytes as encoding the whole text.
 */
export async function* encodeCsvPages(pages: AsyncIterable<CsvCell[][]>, encoding: "utf8" | "sjis"): AsyncGenerator<Buffer> {
  if (encoding === "utf8") yield BOM;
  for await (const rows of pages) {
    if (!rows.length) continue;
    const text = toCsvText(rows);
    yield encoding === "utf8" ? Buffer.from(text, "utf8") : iconv.encode(text, "cp932");
  }
}
