import { describe, expect, it } from "vitest";
import { composeDateValue, dayLabel, daysInMonth, formatDateValue, isPartial, partOptions, splitDateValue, withDatePart, yearLabel, yearOptions, yearsAround } from "./date-fields";

const EMPTY = { year: "", month: "", day: "", hour: "", minute: "" };

describe("date field values", () => {
  it.each([
    ["month", "2026-12"],
    ["date", "2026-12-07"],
    ["datetime", "2026-12-07T09:05"],
  ] as const)("a %s value splits into parts and composes back unchanged: %s", (kind, value) => {
    expect(composeDateValue(kind, splitDateValue(kind, value))).toBe(value);
  });

  it("splits a date-time into zero-padded parts", () => {
    expect(splitDateValue("datetime", "2026-12-07T09:05")).toEqual({ year: "2026", month: "12", day: "07", hour: "09", minute: "05" });
  });

  it.each([
    ["month", ""],
    ["month", "2026-13"],
    ["month", "December 2026"],
    ["date", "12/07/2026"],
    ["date", "2026-12-7"],
    ["datetime", "2026-12-07 09:05"],
    ["date", "0001-01-01"],
  ] as const)("a %s value of another shape or out of range gives no parts: %j", (kind, value) => {
    expect(composeDateValue(kind, splitDateValue(kind, value))).toBe("");
  });

  it("keeps the parts that are in range", () => {
    expect(splitDateValue("date", "2026-13-07")).toEqual({ ...EMPTY, year: "2026", day: "07" });
  });

  it("composes nothing until every part of the kind is chosen, and says the parts are partial", () => {
    const parts = { ...EMPTY, year: "2026", month: "12" };
    expect(composeDateValue("month", parts)).toBe("2026-12");
    expect(composeDateValue("date", parts)).toBe("");
    expect(isPartial("date", parts)).toBe(true);
    expect(isPartial("month", parts)).toBe(false);
    expect(isPartial("date", EMPTY)).toBe(false);
    expect(composeDateValue("datetime", { year: "2026", month: "12", day: "07", hour: "09", minute: "" })).toBe("");
  });

  it("knows the days of a month, leap years included", () => {
    expect(daysInMonth("2026", "02")).toBe(28);
    expect(daysInMonth("2028", "02")).toBe(29);
    expect(daysInMonth("2100", "02")).toBe(28);
    expect(daysInMonth("", "02")).toBe(29); // year not chosen: 29 February stays possible
    expect(daysInMonth("2026", "")).toBe(31);
    expect(daysInMonth("2026", "04")).toBe(30);
  });

  it("moves a day past the end of a newly chosen month to its last day", () => {
    const jan31 = splitDateValue("date", "2026-01-31");
    expect(composeDateValue("date", withDatePart(jan31, "month", "02"))).toBe("2026-02-28");
    expect(composeDateValue("date", withDatePart(jan31, "month", "03"))).toBe("2026-03-31");
    const feb29 = splitDateValue("date", "2028-02-29");
    expect(composeDateValue("date", withDatePart(feb29, "year", "2027"))).toBe("2027-02-28");
  });
});

describe("Japanese labels", () => {
  it("names a year in 西暦 and 和暦, both eras in the year the era changed", () => {
    expect(yearLabel(2026)).toBe("2026年（令和8年）");
    expect(yearLabel(2020)).toBe("2020年（令和2年）");
    expect(yearLabel(2019)).toBe("2019年（平成31年・令和元年）");
    expect(yearLabel(1989)).toBe("1989年（昭和64年・平成元年）");
  });

  it("offers the range of years, widened to a chosen year outside it", () => {
    expect(yearOptions({ from: 2025, to: 2027 }, "")).toEqual([2025, 2026, 2027]);
    expect(yearOptions({ from: 2025, to: 2027 }, "2022")).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
    expect(yearOptions({ from: 2025, to: 2027 }, "2029")).toEqual([2025, 2026, 2027, 2028, 2029]);
  });

  it("spans years around the year of a value", () => {
    expect(yearsAround("2026-12-07", 5, 1)).toEqual({ from: 2021, to: 2027 });
    expect(yearsAround("2026-12", 0, 0)).toEqual({ from: 2026, to: 2026 });
  });

  it("labels days with their weekday once the month is known", () => {
    expect(dayLabel("2026", "12", 7)).toBe("7日（月）");
    expect(dayLabel("2026", "", 7)).toBe("7日");
    const days = partOptions("day", splitDateValue("date", "2026-02-01"), { from: 2026, to: 2026 });
    expect(days).toHaveLength(28);
    expect(days[0]).toEqual({ value: "01", label: "1日（日）" });
  });

  it("labels months, hours and minutes with Japanese counters and zero-padded values", () => {
    const years = { from: 2026, to: 2026 };
    expect(partOptions("month", EMPTY, years)[11]).toEqual({ value: "12", label: "12月" });
    expect(partOptions("hour", EMPTY, years)[9]).toEqual({ value: "09", label: "9時" });
    expect(partOptions("minute", EMPTY, years)[5]).toEqual({ value: "05", label: "05分" });
    expect(partOptions("year", EMPTY, years)).toEqual([{ value: "2026", label: "2026年（令和8年）" }]);
  });

  it.each([
    ["month", "2026-12", "2026年12月（令和8年12月）"],
    ["month", "2019-04", "2019年4月（平成31年4月）"],
    ["month", "2019-05", "2019年5月（令和元年5月）"],
    ["date", "2026-12-07", "2026年12月7日（月）／令和8年12月7日"],
    ["date", "2019-04-30", "2019年4月30日（火）／平成31年4月30日"],
    ["datetime", "2026-12-07T09:05", "2026年12月7日（月）9時05分（日本時間）／令和8年12月7日"],
    ["date", "2026-02-30", ""],
    ["date", "", ""],
  ] as const)("reads a %s value %j as %j", (kind, value, expected) => {
    expect(formatDateValue(kind, value)).toBe(expected);
  });
});
