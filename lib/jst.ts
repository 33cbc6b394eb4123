// Japan Standard Time, independent of the server's and the browser's time zone. Pure and client-safe: the one
// place that knows the +09:00 offset (Japan has no DST). The server re-exports it from
// server/service-calendar/jst.ts together with the holiday calendar.

export const JST_TIME_ZONE = "Asia/Tokyo";
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type JstParts = { ymd: string; monthDay: string; minuteOfDay: number; weekday: number };

/** The JST calendar day (YYYY-MM-DD), MM-DD, minute of the day and weekday (0 = Sunday) of an instant. */
export function jstParts(at: Date): JstParts {
  const j = new Date(at.getTime() + JST_OFFSET_MS);
  const ymd = j.toISOString().slice(0, 10);
  return { ymd, monthDay: ymd.slice(5), minuteOfDay: j.getUTCHours() * 60 + j.getUTCMinutes(), weekday: j.getUTCDay() };
}

/** The JST calendar date of an instant as YYYY-MM-DD. */
export function jstDateString(at: Date): string {
  return jstParts(at).ymd;
}

/** JST day (YYYY-MM-DD) and hour (0–23) of an instant. */
export function jstDayHour(at: Date): { day: string; hour: number } {
  const p = jstParts(at);
  return { day: p.ymd, hour: Math.floor(p.minuteOfDay / 60) };
}

/**
 * The instant of a JST wall-clock time: "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS".
 * Anything else gives an Invalid Date.
 */
export function jstInstant(local: string): Date {
  const full = local.length === 10 ? `${local}T00:00:00` : local.length === 16 ? `${local}:00` : local;
  return new Date(`${full}+09:00`);
}

/** The instant of 00:00 JST on the given YYYY-MM-DD. */
export function jstMidnight(ymd: string): Date {
  return jstInstant(ymd);
}

/** Whether a YYYY-MM-DD string names a real calendar day (2026-02-30 does not). */
export function isCalendarDate(ymd: string): boolean {
  return !Number.isNaN(jstMidnight(ymd).getTime()) && new Date(`${ymd}T00:00:00Z`).toISOString().startsWith(ymd);
}

// ── Display formatters (ja-JP, JST) ─────────────────────────────────────────────────────────────────────────

type Instant = Date | string;
const toDate = (at: Instant) => (typeof at === "string" ? new Date(at) : at);

const seconds = new Intl.DateTimeFormat("ja-JP", {
  timeZone: JST_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
const minutes = new Intl.DateTimeFormat("ja-JP", { timeZone: JST_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const short = new Intl.DateTimeFormat("ja-JP", { dateStyle: "medium", timeStyle: "short", timeZone: JST_TIME_ZONE });
const dateWithWeekday = new Intl.DateTimeFormat("ja-JP", { timeZone: JST_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" });
const timeOfDay = new Intl.DateTimeFormat("ja-JP", { timeZone: JST_TIME_ZONE, hour: "2-digit", minute: "2-digit" });

/** "2026/11/27 10:00:05" (logs: to the second); "—" for none. */
export function formatJstDateTime(at: Instant | null | undefined): string {
  return at ? seconds.format(toDate(at)) : "—";
}

/** "2026/11/27 09:05" (schedules, import jobs: to the minute, zero-padded hour). */
export function formatJstMinute(at: Instant): string {
  return minutes.format(toDate(at));
}

/** "2026/11/27 9:05" (accounts and API clients: the compact medium/short style); "—" for none. */
export function formatJstShort(at: Instant | null | undefined): string {
  return at ? short.format(toDate(at)) : "—";
}

/** "2026/11/27(金)" (fee schedule days). */
export function formatJstDate(at: Instant): string {
  return dateWithWeekday.format(toDate(at));
}

/** "09:05" (time of day). */
export function formatJstTime(at: Instant): string {
  return timeOfDay.format(toDate(at));
}
