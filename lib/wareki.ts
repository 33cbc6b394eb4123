// 和暦 (Japanese era) dates for certificates: 令和8年11月27日, with 元年 for the first year.
// Dates are calendar dates in JST; pass a Date at any time of that JST day, or a "YYYY-MM-DD" string.

type Era = { name: string; start: string }; // start: first day (YYYY-MM-DD)

const ERAS: Era[] = [
  { name: "令和", start: "2019-05-01" },
  { name: "平成", start: "1989-01-08" },
  { name: "昭和", start: "1926-12-25" },
  { name: "大正", start: "1912-07-30" },
  { name: "明治", start: "1868-01-25" },
];

/** The JST calendar date of an instant as YYYY-MM-DD. */
export function jstDateString(d: Date): string {
  const jst = new Date(d.getTime() + 9 * 60 * 60 * 1000);
  return jst.toISOString().slice(0, 10);
}

function toYmd(date: Date | string): string {
  if (typeof date === "string") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
    return date;
  }
  return jstDateString(date);
}

export function toWareki(date: Date | string): { era: string; year: number; month: number; day: number } {
  const ymd = toYmd(date);
  const era = ERAS.find((e) => ymd >= e.start);
  if (!era) throw new Error(`date before 明治: ${ymd}`);
  const [y, m, d] = ymd.split("-").map(Number);
  return { era: era.name, year: y - Number(era.start.slice(0, 4)) + 1, month: m, day: d };
}

/** 令和8年11月27日 / 令和元年5月1日 */
export function formatWareki(date: Date | string): string {
  const w = toWareki(date);
  return `${w.era}${w.year === 1 ? "元" : w.year}年${w.month}月${w.day}日`;
}

/**
 * 令和8年度 for a fiscal year given as the Gregorian year in which it starts (April). The era is the one in
 * force at the year's end, as official usage names FY2019 令和元年度 although it began in 平成31年.
 */
export function formatFiscalYear(fiscalYear: number): string {
  const lastDay = `${fiscalYear + 1}-03-31`;
  const era = ERAS.find((e) => lastDay >= e.start)!;
  const year = fiscalYear - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? "元" : year}年度`;
}
