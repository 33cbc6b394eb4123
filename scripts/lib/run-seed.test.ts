import { describe, expect, it } from "vitest";
import { seedDay } from "./run-seed";

describe("DEMO_SEED_DAY", () => {
  it("is noon JST of the day given, today when unset, and refused when malformed", () => {
    expect(seedDay("2026-11-27")?.toISOString()).toBe("2026-11-27T03:00:00.000Z");
    expect(seedDay(undefined)).toBeUndefined();
    expect(seedDay("")).toBeUndefined();
    expect(() => seedDay("27.11.2026")).toThrow(/YYYY-MM-DD/);
  });
});
