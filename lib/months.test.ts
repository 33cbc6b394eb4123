import { describe, expect, it } from "vitest";
import { jstDayHour } from "./jst";
import { addMonths, monthDays, monthInstants, monthLabel, monthOf } from "./months";

describe("JST months", () => {
  it("takes day and hour in JST, whatever the server zone", () => {
    expect(jstDayHour(new Date("2026-11-30T15:30:00Z"))).toEqual({ day: "2026-12-01", hour: 0 });
    expect(jstDayHour(new Date("2026-11-30T14:59:59Z"))).toEqual({ day: "2026-11-30", hour: 23 });
    expect(monthOf(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01");
  });
  it("adds months across years and knows the length of a month", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", -12)).toBe("2025-11");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(monthDays("2028-02")).toEqual({ first: "2028-02-01", next: "2028-03-01", days: 29 });
    expect(monthInstants("2026-11").start.toISOString()).toBe("2026-10-31T15:00:00.000Z");
  });
  it("labels months in 和暦 (令和元年 for 2019)", () => {
    expect(monthLabel("2026-11")).toBe("令和8年11月");
    expect(monthLabel("2019-05")).toBe("令和元年5月");
  });
});
