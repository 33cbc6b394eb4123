// 和暦 (Japanese era) dates for certificates: 令和8年11月27日, with 元年 for the first year.
// Dates are calendar dates in JST; pass a Date at any time of that JST day, or a "YYYY-MM-DD" string.

import { jstDateString, JST_OFFSET_MS } from "./jst";

type Era = { name: string; start: string }; // start: first day (YYYY-MM-DD)

const ERAS: Era[] = [
  { name: "令和", start: "2019-05-01" },
  { name: "平成", start: "1989-01-08" },
  { name: "昭和", start: "1926-12-25" },
  { name: "大正", start: "1912-07-30" },
  { name: "明治", start: "1868-01-25" },
];

/** The largest |time value| a Date holds (ECMA-262 §21.4.1.22); a JST shift beyond it is no date. */
const MAX_TIME = 8.64e15;

function toYmd(date: Date | string): string {
  if (typeof date === "string") {
    // The shape alone would let 2026-02-30 through as 令和8年2月30日.
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) throw new Error(`not a date: ${date}`);
    return date;
  }
  // An Invalid Date, or one so far out that its JST day has no 4-digit year, is refused the documented way
  // rather than by toISOString's RangeError.
  const t = date.getTime();
  const ymd = Number.isNaN(t) || Math.abs(t) > MAX_TIME - JST_OFFSET_MS ? "" : jstDateString(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) throw new Error(`not a date: ${String(date)}`);
  return ymd;
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

/** The calendars a resident may enter a date in: 西暦 or an era. */
export const BIRTH_CALENDARS = ["seireki", "reiwa", "heisei", "showa", "taisho"] as const;
export type BirthCalendar = (typeof BIRTH_CALENDARS)[number];
export const BIRTH_CALENDAR_LABELS: Record<BirthCalendar, string> = { seireki: "西暦", reiwa: "令和", heisei: "平成", showa: "昭和", taisho: "大正" };
const CALENDAR_ERA: Record<Exclude<BirthCalendar, "seireki">, string> = { reiwa: "令和", heisei: "平成", showa: "昭和", taisho: "大正" };

/**
 * A date entered as 西暦 or 和暦 (era, year, month, day) as YYYY-MM-DD, or null when it does not exist
 * (31 February, 平成32年, 令和元年4月 — before the era began).
 */
export function dateFromCalendar(calendar: BirthCalendar, year: number, month: number, day: number): string | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  let gregorian = year;
  let era: Era | undefined;
  if (calendar !== "seireki") {
    era = ERAS.find((e) => e.name === CALENDAR_ERA[calendar]);
    if (!era) return null;
    gregorian = Number(era.start.slice(0, 4)) + year - 1;
  }
  if (gregorian < 1868 || gregorian > 9999) return null;
  const ymd = `${String(gregorian).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const d = new Date(`${ymd}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== ymd) return null;
  if (era) {
    // Inside the era: on or after its first day and before the next era began.
    const idx = ERAS.indexOf(era);
    const nextStart = idx > 0 ? ERAS[idx - 1].start : null;
    if (ymd < era.start || (nextStart !== null && ymd >= nextStart)) return null;
  }
  return ymd;
}
