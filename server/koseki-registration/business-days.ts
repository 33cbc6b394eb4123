import "server-only";
import { isNationalHoliday } from "../service-calendar/jst";

// Review deadlines count municipal business days: not Saturday or Sunday, not a national holiday
// (振替休日 included), not 12/29–1/3 (the offices' year-end closure, which stays whatever the kiosk's year-end
// rule says: docs/decisions/0014), not one of the municipality's own closure days. Dates are JST calendar days.

const addDays = (ymd: string, n: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function isBusinessDay(ymd: string, closureDays: ReadonlySet<string> = NO_DAYS): boolean {
  if (closureDays.has(ymd)) return false;
  const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  const md = ymd.slice(5);
  return weekday !== 0 && weekday !== 6 && !isNationalHoliday(ymd) && !(md >= "12-29" || md <= "01-03");
}

const NO_DAYS: ReadonlySet<string> = new Set();

/** The `n`-th business day after `ymd` (the day of receipt itself never counts). */
export function addBusinessDays(ymd: string, n: number, closureDays: ReadonlySet<string> = NO_DAYS): string {
  let day = ymd;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day, closureDays)) counted++;
  }
  return day;
}

/** Overdue when today (JST) is past the due date while the application still waits for a decision. */
export function isOverdue(dueOn: string, todayYmd: string): boolean {
  return todayYmd > dueOn;
}
