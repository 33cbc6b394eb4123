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
