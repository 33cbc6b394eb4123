import "server-only";
import holidayJp from "@holiday-jp/holiday_jp";
import { jstParts } from "@/lib/jst";

// Calendar facts in Asia/Tokyo: the pure time arithmetic lives in lib/jst.ts (client-safe); the holiday
// calendar stays here so its data package is not bundled into client components.

export * from "@/lib/jst";

export type DayClass = "weekday" | "saturday" | "sunday" | "holiday";

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
