import { describe, expect, it } from "vitest";
import { demoModeOn, resolveRunMode, RunModeError } from "./run-mode";

describe("resolveRunMode", () => {
  it("is demo mode by default on the embedded database only", () => {
    expect(resolveRunMode({}).demo).toBe(true);
    expect(resolveRunMode({ NODE_ENV: "development" }).demo).toBe(true);
    expect(resolveRunMode({ NODE_ENV: "production" }).demo).toBe(false);
    expect(resolveRunMode({ DATABASE_URL: "postgresql://db/app" }).demo).toBe(false);
    expect(resolveRunMode({ MIGRATION_DATABASE_URL: "postgresql://db/app" }).demo).toBe(false);
  });

  it("can be switched off explicitly, also on the embedded database", () => {
    expect(resolveRunMode({ KONBINI_DEMO: "off" }).demo).toBe(false);
    expect(resolveRunMode({ KONBINI_DEMO: "0" }).demo).toBe(false);
    expect(resolveRunMode({ KONBINI_DEMO: "on" }).demo).toBe(true);
  });

  it("refuses demo mode with NODE_ENV=production or an external database, naming the setting", () => {
    expect(() => resolveRunMode({ KONBINI_DEMO: "on", NODE_ENV: "production" })).toThrow(/NODE_ENV=production/);
    expect(() => resolveRunMode({ KONBINI_DEMO: "on", DATABASE_URL: "postgresql://db/app" })).toThrow(/DATABASE_URL/);
    expect(() => resolveRunMode({ KONBINI_DEMO: "1", MIGRATION_DATABASE_URL: "postgresql://db/app" })).toThrow(RunModeError);
    expect(() => resolveRunMode({ KONBINI_DEMO: "maybe" })).toThrow(/KONBINI_DEMO must be/);
  });
});

describe("demoModeOn (what the running server reads)", () => {
  it("is on only when KONBINI_DEMO says so: a hand-run `next start` is production", () => {
    expect(demoModeOn({})).toBe(false);
    expect(demoModeOn({ NODE_ENV: "development" })).toBe(false);
    expect(demoModeOn({ KONBINI_DEMO: "0" })).toBe(false);
    expect(demoModeOn({ KONBINI_DEMO: "1" })).toBe(true);
  });
});
