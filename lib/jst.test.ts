import { describe, expect, it } from "vitest";
import {
  formatJstDate,
  formatJstDateTime,
  formatJstMinute,
  formatJstShort,
  formatJstTime,
  isCalendarDate,
  jstDateString,
  jstDayHour,
  jstInstant,
  jstMidnight,
  jstParts,
} from "./jst";

describe("JST calendar arithmetic", () => {
  it("starts the JST day at 15:00Z of the previous UTC day", () => {
    expect(jstDateString(new Date("2026-11-26T14:59:59.999Z"))).toBe("2026-11-26");
    expect(jstDateString(new Date("2026-11-26T15:00:00Z"))).toBe("2026-11-27");
    expect(jstParts(new Date("2026-11-26T15:00:00Z"))).toEqual({ ymd: "2026-11-27", monthDay: "11-27", minuteOfDay: 0, weekday: 5 });
    expect(jstParts(new Date("2026-11-27T14:59:00Z"))).toEqual({ ymd: "2026-11-27", monthDay: "11-27", minuteOfDay: 23 * 60 + 59, weekday: 5 });
  });

  it("crosses month and year ends, including a leap day", () => {
    expect(jstDayHour(new Date("2026-12-31T15:00:00Z"))).toEqual({ day: "2027-01-01", hour: 0 });
    expect(jstDayHour(new Date("2028-02-28T15:00:00Z"))).toEqual({ day: "2028-02-29", hour: 0 });
    expect(jstDayHour(new Date("2026-02-28T15:00:00Z"))).toEqual({ day: "2026-03-01", hour: 0 });
  });

  it("has no daylight saving time: the offset is +09:00 in winter and summer", () => {
    expect(jstMidnight("2026-01-15").toISOString()).toBe("2026-01-14T15:00:00.000Z");
    expect(jstMidnight("2026-07-15").toISOString()).toBe("2026-07-14T15:00:00.000Z");
  });

  it("reads JST wall-clock times at day, minute or second precision", () => {
    expect(jstInstant("2026-12-01").toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(jstInstant("2026-12-01T09:30").toISOString()).toBe("2026-12-01T00:30:00.000Z");
    expect(jstInstant("2026-12-01T09:30:15").toISOString()).toBe("2026-12-01T00:30:15.000Z");
    expect(Number.isNaN(jstInstant("tomorrow").getTime())).toBe(true);
  });

  it("knows which YYYY-MM-DD strings are calendar days", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
  });
});

describe("JST display formatters", () => {
  const early = new Date("2026-11-27T00:05:09Z"); // 09:05:09 JST
  const midnight = new Date("2026-12-31T15:00:00Z"); // 2027-01-01 00:00 JST

  it("formats to the second, with — for none", () => {
    expect(formatJstDateTime(early)).toBe("2026/11/27 09:05:09");
    expect(formatJstDateTime("2026-12-31T15:00:00Z")).toBe("2027/01/01 00:00:00");
    expect(formatJstDateTime(null)).toBe("—");
    expect(formatJstDateTime(undefined)).toBe("—");
  });

  it("formats to the minute with a zero-padded hour", () => {
    expect(formatJstMinute(early)).toBe("2026/11/27 09:05");
    expect(formatJstMinute(midnight)).toBe("2027/01/01 00:00");
  });

  it("formats the compact medium/short style, with — for none", () => {
    expect(formatJstShort(early)).toBe("2026/11/27 9:05");
    expect(formatJstShort("2026-12-31T15:00:00Z")).toBe("2027/01/01 0:00");
    expect(formatJstShort(null)).toBe("—");
  });

  it("formats a date with its weekday and a time of day", () => {
    expect(formatJstDate(midnight)).toBe("2027/01/01(金)");
    expect(formatJstTime(early)).toBe("09:05");
    expect(formatJstTime(new Date("2026-11-27T14:59:00Z"))).toBe("23:59");
  });
});
