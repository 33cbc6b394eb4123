// JST calendar months as "YYYY-MM" and their instant ranges. No "server-only": pure, used by the PDF code too.
import { jstDateString, jstMidnight } from "./jst";

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthOf(at: Date): string {
  return jstDateString(at).slice(0, 7);
}

/** The month `delta` months from `month` ("2026-01", -1 → "2025-12"). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const idx = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(idx / 12)).padStart(4, "0")}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

/** First day of the month and first day of the next, as YYYY-MM-DD (for `day` columns). */
export function monthDays(month: string): { first: string; next: string; days: number } {
  const next = `${addMonths(month, 1)}-01`;
  const days = Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${month}-01T00:00:00Z`)) / 86_400_000);
  return { first: `${month}-01`, next, days };
}

/** [start, end) instants of the JST month. */
export function monthInstants(month: string): { start: Date; end: Date } {
  const { first, next } = monthDays(month);
  return { start: jstMidnight(first), end: jstMidnight(next) };
}

/** 令和8年11月 style label of a month (Reiwa from 2019-05; earlier months in 西暦). */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  if (y > 2019 || (y === 2019 && m >= 5)) return `令和${y - 2018 === 1 ? "元" : y - 2018}年${m}月`;
  return `${y}年${m}月`;
}
