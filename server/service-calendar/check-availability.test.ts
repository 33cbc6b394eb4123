import { describe, expect, it } from "vitest";
import { checkCertificateAvailability, checkRegistrationIntake, windowsFor, type CalendarConfig } from "./check-availability";
import { dayClassOf, isYearEndClosure } from "./jst";

const jst = (s: string) => new Date(`${s}+09:00`);
const empty: CalendarConfig = { windows: [], stops: [], emergencyStops: [] };
const open = (c: CalendarConfig, type: Parameters<typeof checkCertificateAvailability>[1], at: string) => checkCertificateAvailability(c, type, jst(at));

describe("default hours 6:30–23:00 JST", () => {
  // 2026-11-27 is a Friday.
  it.each([
    ["2026-11-27T06:29:59", false],
    ["2026-11-27T06:30:00", true],
    ["2026-11-27T22:59:59", true],
    ["2026-11-27T23:00:00", false],
    ["2026-11-27T00:00:00", false],
  ])("%s open=%s", (at, expected) => {
    const r = open(empty, "residence", at);
    expect(r.open).toBe(expected);
    if (!expected) expect(r).toMatchObject({ reason: "service_out_of_hours" });
  });

  it("does not depend on the server's time zone: instants are judged in JST", () => {
    expect(checkCertificateAvailability(empty, "residence", new Date("2026-11-26T21:30:00Z")).open).toBe(true); // 06:30 JST
    expect(checkCertificateAvailability(empty, "residence", new Date("2026-11-26T21:29:59Z")).open).toBe(false);
  });
});

describe("year-end closure 12/29–1/3", () => {
  it.each([
    ["2026-12-28T22:59:59", true, undefined],
    ["2026-12-29T06:30:00", false, "service_year_end_closure"],
    ["2026-12-31T12:00:00", false, "service_year_end_closure"],
    ["2027-01-03T22:00:00", false, "service_year_end_closure"],
    ["2027-01-04T06:30:00", true, undefined],
  ])("%s open=%s", (at, expected, reason) => {
    const r = open(empty, "seal", at);
    expect(r.open).toBe(expected);
    if (reason) expect(r).toMatchObject({ reason });
  });

  it("flags the days themselves", () => {
    expect(isYearEndClosure(jst("2026-12-28T23:59:59"))).toBe(false);
    expect(isYearEndClosure(jst("2026-12-29T00:00:00"))).toBe(true);
    expect(isYearEndClosure(jst("2027-01-03T23:59:59"))).toBe(true);
    expect(isYearEndClosure(jst("2027-01-04T00:00:00"))).toBe(false);
  });
});

describe("day classes and per-type windows", () => {
  const koseki: CalendarConfig = {
    windows: [
      ...(["weekday", "saturday", "sunday", "holiday"] as const).map((dayClass) => ({ certificateType: null, dayClass, startMinute: 390, endMinute: 1380 })),
      { certificateType: "koseki-full", dayClass: "weekday", startMinute: 540, endMinute: 1020 },
    ],
    stops: [],
    emergencyStops: [],
  };

  it("classifies days in JST, national holidays first", () => {
    expect(dayClassOf(jst("2026-11-27T12:00:00"))).toBe("weekday");
    expect(dayClassOf(jst("2026-11-28T12:00:00"))).toBe("saturday");
    expect(dayClassOf(jst("2026-11-29T12:00:00"))).toBe("sunday");
    expect(dayClassOf(jst("2026-11-23T12:00:00"))).toBe("holiday"); // 勤労感謝の日, a Monday
    expect(dayClassOf(jst("2026-11-23T00:00:00"))).toBe("holiday");
    expect(dayClassOf(jst("2026-11-22T23:59:59"))).toBe("sunday");
  });

  it("applies a type's own weekday window and closes it on weekends and holidays", () => {
    expect(open(koseki, "koseki-full", "2026-11-27T08:59:59")).toMatchObject({ open: false, reason: "service_out_of_hours" });
    expect(open(koseki, "koseki-full", "2026-11-27T09:00:00").open).toBe(true);
    expect(open(koseki, "koseki-full", "2026-11-27T16:59:59").open).toBe(true);
    expect(open(koseki, "koseki-full", "2026-11-27T17:00:00").open).toBe(false);
    expect(open(koseki, "koseki-full", "2026-11-28T10:00:00").open).toBe(false); // Saturday
    expect(open(koseki, "koseki-full", "2026-11-23T10:00:00").open).toBe(false); // holiday
    // Other types keep the general window that day.
    expect(open(koseki, "residence", "2026-11-23T10:00:00").open).toBe(true);
    expect(open(koseki, "residence", "2026-11-27T07:00:00").open).toBe(true);
  });

  it("closes a day class that has no window when windows are configured", () => {
    const weekdaysOnly: CalendarConfig = { ...empty, windows: [{ certificateType: null, dayClass: "weekday", startMinute: 390, endMinute: 1380 }] };
    expect(open(weekdaysOnly, "residence", "2026-11-27T10:00:00").open).toBe(true);
    expect(open(weekdaysOnly, "residence", "2026-11-29T10:00:00").open).toBe(false);
  });

  it("never opens beyond the national hours", () => {
    const wide: CalendarConfig = { ...empty, windows: [{ certificateType: null, dayClass: "weekday", startMinute: 0, endMinute: 1440 }] };
    expect(windowsFor(wide, "residence", "weekday")).toEqual([{ startMinute: 390, endMinute: 1380 }]);
    expect(open(wide, "residence", "2026-11-27T05:00:00").open).toBe(false);
  });
});

describe("planned and emergency stops", () => {
  const stop = (scope: "all" | "koseki" | "registration_intake"): CalendarConfig => ({
    ...empty,
    stops: [{ scope, startsAt: jst("2026-11-27T10:00:00"), endsAt: jst("2026-11-27T12:00:00"), notice: "システム保守" }],
  });

  it("applies between start (inclusive) and end (exclusive)", () => {
    const c = stop("all");
    expect(open(c, "residence", "2026-11-27T09:59:59").open).toBe(true);
    expect(open(c, "residence", "2026-11-27T10:00:00")).toEqual({ open: false, reason: "service_planned_stop", notice: "システム保守" });
    expect(open(c, "residence", "2026-11-27T11:59:59").open).toBe(false);
    expect(open(c, "residence", "2026-11-27T12:00:00").open).toBe(true);
  });

  it("scopes a koseki stop to 戸籍 and 附票 only", () => {
    const c = stop("koseki");
    expect(open(c, "koseki-full", "2026-11-27T10:30:00").open).toBe(false);
    expect(open(c, "koseki-fuhyo", "2026-11-27T10:30:00").open).toBe(false);
    expect(open(c, "residence", "2026-11-27T10:30:00").open).toBe(true);
  });

  it("scopes an intake stop to registrations only", () => {
    const c = stop("registration_intake");
    expect(open(c, "koseki-full", "2026-11-27T10:30:00").open).toBe(true);
    expect(checkRegistrationIntake(c, jst("2026-11-27T10:30:00")).open).toBe(false);
    expect(checkRegistrationIntake(c, jst("2026-11-27T12:00:00")).open).toBe(true);
    expect(checkRegistrationIntake(stop("all"), jst("2026-11-27T10:30:00")).open).toBe(false);
    expect(checkRegistrationIntake(stop("koseki"), jst("2026-11-27T10:30:00")).open).toBe(true);
  });

  it("an emergency stop closes every type or only its own", () => {
    const all: CalendarConfig = { ...empty, emergencyStops: [{ certificateType: null, reason: "障害対応" }] };
    expect(open(all, "residence", "2026-11-27T10:00:00")).toEqual({ open: false, reason: "service_emergency_stop", notice: "障害対応" });
    const sealOnly: CalendarConfig = { ...empty, emergencyStops: [{ certificateType: "seal", reason: "印鑑データ不整合" }] };
    expect(open(sealOnly, "seal", "2026-11-27T10:00:00").open).toBe(false);
    expect(open(sealOnly, "residence", "2026-11-27T10:00:00").open).toBe(true);
  });
});

describe("the municipality's own calendar rules", () => {
  it("a municipality serving through the year end is open on 12/30", () => {
    expect(open({ ...empty, yearEndClosure: false }, "residence", "2026-12-30T10:00:00").open).toBe(true);
  });

  it("a closure day closes the whole JST day with its reason as the notice", () => {
    const config = { ...empty, closureDays: [{ day: "2026-12-02", reason: "システム更新のため" }] };
    expect(open(config, "residence", "2026-12-02T06:30:00")).toEqual({ open: false, reason: "service_local_closure", notice: "システム更新のため" });
    expect(open(config, "residence", "2026-12-01T22:59:00").open).toBe(true);
    expect(open(config, "residence", "2026-12-03T06:30:00").open).toBe(true);
  });
});
