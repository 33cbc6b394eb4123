import { describe, expect, it } from "vitest";
import { jstDateString } from "./jst";
import { dateFromCalendar, formatFiscalYear, formatWareki } from "./wareki";

describe("和暦", () => {
  it.each([
    ["2026-11-27", "令和8年11月27日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2019-04-30", "平成31年4月30日"],
    ["1989-01-08", "平成元年1月8日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1980-04-01", "昭和55年4月1日"],
    ["1926-12-25", "昭和元年12月25日"],
    ["1926-12-24", "大正15年12月24日"],
  ])("%s → %s", (ymd, expected) => {
    expect(formatWareki(ymd)).toBe(expected);
  });

  it("uses the JST calendar day of an instant", () => {
    // 2026-11-26T15:30Z is already 11/27 in Tokyo.
    expect(jstDateString(new Date("2026-11-26T15:30:00Z"))).toBe("2026-11-27");
    expect(formatWareki(new Date("2026-11-26T15:30:00Z"))).toBe("令和8年11月27日");
    expect(formatWareki(new Date("2026-11-26T14:59:59Z"))).toBe("令和8年11月26日");
  });

  it("names fiscal years", () => {
    expect(formatFiscalYear(2026)).toBe("令和8年度");
    expect(formatFiscalYear(2019)).toBe("令和元年度");
    expect(formatFiscalYear(2018)).toBe("平成30年度");
  });

  it("refuses malformed dates", () => {
    expect(() => formatWareki("2026/11/27")).toThrow();
  });

  // Found by tests/fuzz/pure/wareki.test.ts: the shape alone let impossible days through, and a Date beyond
  // the JST shift's range threw toISOString's RangeError instead of the documented error.
  it("refuses days that do not exist and instants without a JST day, with the documented error", () => {
    expect(() => formatWareki("2026-02-30")).toThrow("not a date: 2026-02-30");
    expect(() => formatWareki("2019-13-01")).toThrow("not a date");
    expect(() => formatWareki(new Date("+275760-09-12T15:00:00.001Z"))).toThrow("not a date");
    expect(() => formatWareki(new Date(NaN))).toThrow("not a date");
    expect(formatWareki("2024-02-29")).toBe("令和6年2月29日");
  });
});

describe("dates entered in 西暦 or 和暦", () => {
  it.each([
    ["seireki", 1980, 4, 1, "1980-04-01"],
    ["showa", 55, 4, 1, "1980-04-01"],
    ["heisei", 1, 1, 8, "1989-01-08"],
    ["reiwa", 1, 5, 1, "2019-05-01"],
    ["heisei", 31, 4, 30, "2019-04-30"],
    ["taisho", 15, 12, 24, "1926-12-24"],
  ] as const)("%s %i-%i-%i → %s", (cal, y, m, d, ymd) => {
    expect(dateFromCalendar(cal, y, m, d)).toBe(ymd);
  });

  it.each([
    ["seireki", 2023, 2, 29],
    ["reiwa", 1, 4, 30], // 令和 began on 5/1
    ["heisei", 31, 5, 1], // already 令和
    ["showa", 64, 1, 8], // already 平成
    ["heisei", 1, 1, 7], // still 昭和
    ["seireki", 1980, 13, 1],
    ["showa", 0, 1, 1],
  ] as const)("%s %i-%i-%i does not exist", (cal, y, m, d) => {
    expect(dateFromCalendar(cal, y, m, d)).toBeNull();
  });
});

// The formatter against the platform's Japanese calendar (ICU), at every era boundary since 1912 and on every day
// from 1873 to 2100. ICU counts 明治 and earlier eras on the proleptic Gregorian calendar, so before 1873 (the
// switch from the lunisolar calendar) it names other dates than the law (明治元年 runs from 1868-01-25 here, ICU
// starts it on 1868-09-08 and prints 慶応4年 before): the comparison starts in 1873.
describe("和暦 against Intl.DateTimeFormat('ja-JP-u-ca-japanese')", () => {
  const intl = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Tokyo" });
  /** ICU versions print the first year as 元 or 1: both read 元年, as on a certificate. */
  const reference = (instant: Date) => {
    const parts = intl.formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
    const year = part("year") === "1" ? "元" : part("year");
    return `${part("era")}${year}年${part("month")}月${part("day")}日`;
  };
  const jstMidnight = (ymd: string) => new Date(`${ymd}T00:00:00+09:00`);

  it.each([
    ["1912-07-29", "明治45年7月29日"],
    ["1912-07-30", "大正元年7月30日"],
    ["1912-12-31", "大正元年12月31日"],
    ["1913-01-01", "大正2年1月1日"],
    ["1926-12-24", "大正15年12月24日"],
    ["1926-12-25", "昭和元年12月25日"],
    ["1926-12-31", "昭和元年12月31日"],
    ["1927-01-01", "昭和2年1月1日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1989-01-08", "平成元年1月8日"],
    ["1989-12-31", "平成元年12月31日"],
    ["1990-01-01", "平成2年1月1日"],
    ["2019-04-30", "平成31年4月30日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2019-12-31", "令和元年12月31日"],
    ["2020-01-01", "令和2年1月1日"],
  ])("%s is %s, as ICU says", (ymd, expected) => {
    expect(reference(jstMidnight(ymd))).toBe(expected);
    expect(formatWareki(ymd)).toBe(expected);
    // An instant anywhere in that JST day: its first and last second.
    expect(formatWareki(jstMidnight(ymd))).toBe(expected);
    expect(formatWareki(new Date(jstMidnight(ymd).getTime() + 86_399_000))).toBe(expected);
  });

  it("agrees on the first and last day of every month from 1873 to 2100, and on every day of the years an era changed", () => {
    const days = new Set<string>();
    const ymdOf = (t: number) => new Date(t).toISOString().slice(0, 10);
    for (let y = 1873; y <= 2100; y++) {
      for (let m = 0; m < 12; m++) days.add(ymdOf(Date.UTC(y, m, 1))).add(ymdOf(Date.UTC(y, m + 1, 0)));
    }
    for (const y of [1912, 1926, 1989, 2019]) {
      for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86_400_000) days.add(ymdOf(t));
    }
    const disagreements = [...days].map((ymd) => [ymd, formatWareki(ymd), reference(jstMidnight(ymd))]).filter(([, ours, theirs]) => ours !== theirs);
    expect(days.size).toBeGreaterThan(6000);
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
