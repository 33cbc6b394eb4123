// Calendar dates for the seed as "YYYY-MM-DD" strings (JST calendar days). @db.Date columns get UTC
// midnight of that day; instants (validFrom, effectiveFrom …) are JST wall-clock times (lib/jst.ts).
import holidayJp from "@holiday-jp/holiday_jp";
import { jstDateString, jstInstant } from "../../lib/jst";
import type { Prng } from "./prng";

export type Ymd = string;

const DAY_MS = 86_400_000;

/** The JST calendar day of `now`. */
export function todayJst(now: Date = new Date()): Ymd {
  return jstDateString(now);
}

function toUtc(ymd: Ymd): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) throw new Error(`bad date ${ymd}`);
  return Date.parse(`${ymd}T00:00:00Z`);
}

function fromUtc(ms: number): Ymd {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(ymd: Ymd, days: number): Ymd {
  return fromUtc(toUtc(ymd) + days * DAY_MS);
}

/** Same month and day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(ymd: Ymd, years: number): Ymd {
  const y = Number(ymd.slice(0, 4)) + years;
  const md = ymd.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, "0")}-${md === "02-29" && !leap ? "02-28" : md}`;
}

export function diffDays(from: Ymd, to: Ymd): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Age in full years on `on` (a birthday counts on the day itself). */
export function ageOn(dob: Ymd, on: Ymd): number {
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

export function minDate(a: Ymd, b: Ymd): Ymd {
  return a < b ? a : b;
}

export function maxDate(a: Ymd, b: Ymd): Ymd {
  return a > b ? a : b;
}

/** Uniform day in [from, to]. */
export function randomDate(rng: Prng, from: Ymd, to: Ymd): Ymd {
  const span = diffDays(from, to);
  if (span < 0) throw new Error(`empty date range ${from}..${to}`);
  return addDays(from, rng.int(0, span));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(ymd: Ymd): number {
  return new Date(toUtc(ymd)).getUTCDay();
}

const holidays = holidayJp.holidays as Record<string, unknown>;

/** A national holiday (including 振替休日). */
export function isNationalHoliday(ymd: Ymd): boolean {
  return ymd in holidays;
}

/** A municipal business day: not a weekend, not a national holiday, not 12/29–1/3. */
export function isBusinessDay(ymd: Ymd): boolean {
  const dow = dayOfWeek(ymd);
  if (dow === 0 || dow === 6) return false;
  if (isNationalHoliday(ymd)) return false;
  const md = ymd.slice(5);
  return !(md >= "12-29" || md <= "01-03");
}

export function addBusinessDays(ymd: Ymd, days: number): Ymd {
  let d = ymd;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    if (isBusinessDay(d)) left -= 1;
  }
  return d;
}

/** @db.Date value for a calendar day. */
export function dateOnly(ymd: Ymd): Date {
  return new Date(toUtc(ymd));
}

/** An instant at JST wall-clock time on `ymd`. */
export function jst(ymd: Ymd, hour = 0, minute = 0, second = 0): Date {
  const p = (n: number) => String(n).padStart(2, "0");
  return jstInstant(`${ymd}T${p(hour)}:${p(minute)}:${p(second)}`);
}

/** The first 1 April strictly after `ymd` (the usual date of a fee revision). */
export function nextApril1(ymd: Ymd): Ymd {
  const y = Number(ymd.slice(0, 4));
  const same = `${y}-04-01`;
  return same > ymd ? same : `${y + 1}-04-01`;
}

/** The first Sunday at least `minDays` after `ymd`. */
export function sundayAfter(ymd: Ymd, minDays: number): Ymd {
  let d = addDays(ymd, minDays);
  while (dayOfWeek(d) !== 0) d = addDays(d, 1);
  return d;
}
