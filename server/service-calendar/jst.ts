import "server-only";
import holidayJp from "@holiday-jp/holiday_jp";

// Calendar facts in Asia/Tokyo (no DST: a fixed +09:00 offset), independent of the server's time zone.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type DayClass = "weekday" | "saturday" | "sunday" | "holiday";

export type JstParts = { ymd: string; monthDay: string; minuteOfDay: number; weekday: number };

export function jstParts(at: Date): JstParts {
  const j = new Date(at.getTime() + JST_OFFSET_MS);
  const ymd = j.toISOString().slice(0, 10);
  return { ymd, monthDay: ymd.slice(5), minuteOfDay: j.getUTCHours() * 60 + j.getUTCMinutes(), weekday: j.getUTCDay() };
}

/** The instant of 00:00 JST on the given YYYY-MM-DD. */
export function jstMidnight(ymd: string): Date {
  return new Date(`${ymd}T00:00:00+09:00`);
}

const holidays = holidayJp.holidays as Record<string, unknown>;

export function isNationalHoliday(ymd: string): boolean {
  return Object.hasOwn(holidays, ymd);
}

/** A national holiday (including 振替休日) counts as a holiday whatever the weekday. */
export function dayClassOf(at: Date): DayClass {
  const p = jstParts(at);
  if (isNationalHoliday(p.ymd)) return "holiday";
  if (p.weekday === 0) return "sunday";
  if (p.weekday === 6) return "saturday";
  return "weekday";
}

/** 12/29–1/3: the service is closed nationwide. */
export function isYearEndClosure(at: Date): boolean {
  const md = jstParts(at).monthDay;
  return md >= "12-29" || md <= "01-03";
}
