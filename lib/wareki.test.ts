import { describe, expect, it } from "vitest";
import { formatFiscalYear, formatWareki, jstDateString } from "./wareki";

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
});
