// The pure side of the Japanese month / date / date-time fields (components/form/date-fields.tsx): the value
// they submit is the one the forms and zod schemas already take — "YYYY-MM", "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:mm" (Japan time) — split into 年・月・日・時・分 parts and composed back, and the Japanese labels
// they show whatever the browser's language. No Date of the browser's time zone is involved: the parts are
// calendar numbers, and a weekday is taken from the UTC day of those numbers.

import { toWareki } from "./wareki";

export type DateFieldKind = "month" | "date" | "datetime";
export type DatePartKey = "year" | "month" | "day" | "hour" | "minute";
/** Zero-padded numbers as the value writes them ("2026", "04", "09"); "" for a part not chosen yet. */
export type DateParts = Record<DatePartKey, string>;
export type YearRange = { from: number; to: number };

export const DATE_PART_KEYS: Record<DateFieldKind, readonly DatePartKey[]> = {
  month: ["year", "month"],
  date: ["year", "month", "day"],
  datetime: ["year", "month", "day", "hour", "minute"],
};

export const DATE_PART_LABELS: Record<DatePartKey, string> = { year: "年", month: "月", day: "日", hour: "時", minute: "分" };

const EMPTY: DateParts = { year: "", month: "", day: "", hour: "", minute: "" };
const PART_PATTERN: Record<DatePartKey, RegExp> = {
  year: /^(19\d{2}|2\d{3})$/, // 1900–2999: every year has an era name (toWareki stops before 明治)
  month: /^(0[1-9]|1[0-2])$/,
  day: /^(0[1-9]|[12]\d|3[01])$/,
  hour: /^([01]\d|2[0-3])$/,
  minute: /^[0-5]\d$/,
};
const WEEKDAYS = "日月火水木金土";

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The parts of a value ("2026-12-07T09:05" → year 2026 … minute 05). A value that is not of the kind's shape,
 * or a part out of range, leaves those parts empty rather than guessing.
 */
export function splitDateValue(kind: DateFieldKind, value: string): DateParts {
  const shape = { month: /^(\d{4})-(\d{2})$/, date: /^(\d{4})-(\d{2})-(\d{2})$/, datetime: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/ }[kind];
  const match = shape.exec(value.trim());
  if (!match) return { ...EMPTY };
  const parts = { ...EMPTY };
  DATE_PART_KEYS[kind].forEach((key, i) => {
    if (PART_PATTERN[key].test(match[i + 1])) parts[key] = match[i + 1];
  });
  return parts;
}

/** The value of the parts, or "" until every part of the kind is chosen (a required field then says so). */
export function composeDateValue(kind: DateFieldKind, parts: DateParts): string {
  const keys = DATE_PART_KEYS[kind];
  if (keys.some((k) => !PART_PATTERN[k].test(parts[k]))) return "";
  const { year, month, day, hour, minute } = parts;
  return kind === "month" ? `${year}-${month}` : kind === "date" ? `${year}-${month}-${day}` : `${year}-${month}-${day}T${hour}:${minute}`;
}

/** Whether some but not all parts of the kind are chosen (the field then tells what is missing). */
export function isPartial(kind: DateFieldKind, parts: DateParts): boolean {
  const keys = DATE_PART_KEYS[kind];
  const chosen = keys.filter((k) => parts[k] !== "").length;
  return chosen > 0 && chosen < keys.length;
}

/** Days in a month of the Gregorian calendar (31 while the year or month is not chosen). */
export function daysInMonth(year: string, month: string): number {
  if (!PART_PATTERN.month.test(month)) return 31;
  const y = PART_PATTERN.year.test(year) ? Number(year) : 2000; // a leap year: 29 February stays choosable
  return new Date(Date.UTC(y, Number(month), 0)).getUTCDate();
}

/** The parts with one changed; a day past the end of the newly chosen month moves to its last day. */
export function withDatePart(parts: DateParts, key: DatePartKey, value: string): DateParts {
  const next = { ...parts, [key]: value };
  if (next.day !== "" && Number(next.day) > daysInMonth(next.year, next.month)) next.day = pad2(daysInMonth(next.year, next.month));
  return next;
}

/** 令和8年 / 令和元年 of a calendar day (YYYY-MM-DD). */
function eraYear(ymd: string): string {
  const w = toWareki(ymd);
  return `${w.era}${w.year === 1 ? "元" : w.year}年`;
}

/** 「2026年（令和8年）」; a year in which the era changed names both (「2019年（平成31年・令和元年）」). */
export function yearLabel(year: number): string {
  const y = String(year).padStart(4, "0");
  const first = eraYear(`${y}-01-01`);
  const last = eraYear(`${y}-12-31`);
  return `${year}年（${first === last ? first : `${first}・${last}`}）`;
}

/**
 * The years from `before` years before to `after` years after the year of a value ("2026-12", "2026-12-07"):
 * the caller's reference is the server's clock or the value shown, so server and browser render alike.
 */
export function yearsAround(value: string, before: number, after: number): YearRange {
  const year = Number(value.slice(0, 4));
  return { from: year - before, to: year + after };
}

/** The years offered: the range, widened to hold a chosen year outside it (a value from the URL, say). */
export function yearOptions(range: YearRange, chosen: string): number[] {
  const c = PART_PATTERN.year.test(chosen) ? Number(chosen) : null;
  const from = c !== null ? Math.min(range.from, c) : range.from;
  const to = c !== null ? Math.max(range.to, c) : range.to;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** 「月」 of a calendar day: 月 for 2026-12-07. */
function weekday(year: string, month: string, day: string): string {
  return WEEKDAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
}

/** 「7日（月）」 once the year and month are chosen, else 「7日」. */
export function dayLabel(year: string, month: string, day: number): string {
  const known = PART_PATTERN.year.test(year) && PART_PATTERN.month.test(month);
  return known ? `${day}日（${weekday(year, month, pad2(day))}）` : `${day}日`;
}

/** The options of a part: value as the value writes it, label in Japanese. */
export function partOptions(key: DatePartKey, parts: DateParts, years: YearRange): { value: string; label: string }[] {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  switch (key) {
    case "year":
      return yearOptions(years, parts.year).map((y) => ({ value: String(y).padStart(4, "0"), label: yearLabel(y) }));
    case "month":
      return range(1, 12).map((m) => ({ value: pad2(m), label: `${m}月` }));
    case "day":
      return range(1, daysInMonth(parts.year, parts.month)).map((d) => ({ value: pad2(d), label: dayLabel(parts.year, parts.month, d) }));
    case "hour":
      return range(0, 23).map((h) => ({ value: pad2(h), label: `${h}時` }));
    case "minute":
      return range(0, 59).map((m) => ({ value: pad2(m), label: `${pad2(m)}分` }));
  }
}

/**
 * The value read the Japanese way: 「2026年12月（令和8年12月）」, 「2026年12月7日（月）／令和8年12月7日」,
 * 「2026年12月7日（月）9時05分（日本時間）／令和8年12月7日」; "" for no complete value.
 */
export function formatDateValue(kind: DateFieldKind, value: string): string {
  const p = splitDateValue(kind, value);
  if (composeDateValue(kind, p) === "" || !isRealDay(kind, p)) return "";
  const y = Number(p.year);
  const m = Number(p.month);
  if (kind === "month") return `${y}年${m}月（${eraYear(`${p.year}-${p.month}-01`)}${m}月）`;
  const d = Number(p.day);
  const wareki = `${eraYear(`${p.year}-${p.month}-${p.day}`)}${m}月${d}日`;
  const time = kind === "datetime" ? `${Number(p.hour)}時${p.minute}分（日本時間）` : "";
  return `${y}年${m}月${d}日（${weekday(p.year, p.month, p.day)}）${time}／${wareki}`;
}

function isRealDay(kind: DateFieldKind, p: DateParts): boolean {
  return kind === "month" || Number(p.day) <= daysInMonth(p.year, p.month);
}
