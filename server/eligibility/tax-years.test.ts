import { describe, expect, it } from "vitest";
import { offeredFiscalYears } from "./tax-years";

describe("offered fiscal years", () => {
  it("switches to the new 年度 on the switch date", () => {
    expect(offeredFiscalYears("06-01", 1, "2026-05-31")).toEqual([2025]);
    expect(offeredFiscalYears("06-01", 1, "2026-06-01")).toEqual([2026]);
    expect(offeredFiscalYears("06-10", 2, "2026-06-09")).toEqual([2025, 2024]);
    expect(offeredFiscalYears("06-10", 2, "2026-11-27")).toEqual([2026, 2025]);
  });
  it("handles January to May as the previous fiscal year's season", () => {
    expect(offeredFiscalYears("06-01", 3, "2027-01-04")).toEqual([2026, 2025, 2024]);
  });
});
