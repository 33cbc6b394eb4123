import { describe, expect, it } from "vitest";
import { computeSettlement, rateOn } from "./compute-settlement";

const rates = [
  { storeChain: null, amount: 120, effectiveFrom: "2026-04-01" },
  { storeChain: null, amount: 125, effectiveFrom: "2026-11-20" },
  { storeChain: "lawson", amount: 100, effectiveFrom: "2026-11-10" },
];

describe("commission rates", () => {
  it("uses the chain's own rate from its date, else the default in force, else the municipality's flat rate", () => {
    expect(rateOn(rates, "lawson", "2026-11-09", 117)).toBe(120);
    expect(rateOn(rates, "lawson", "2026-11-10", 117)).toBe(100);
    expect(rateOn(rates, "lawson", "2026-11-25", 117)).toBe(100);
    expect(rateOn(rates, "familymart", "2026-11-25", 117)).toBe(125);
    expect(rateOn(rates, "familymart", "2026-03-31", 117)).toBe(117);
  });

  it("owes commission per copy, splits by day, and computes the kiosk share", () => {
    const s = computeSettlement(
      [
        { day: "2026-11-09", storeChain: "lawson", count: 2, copies: 3, feeTotal: 900 },
        { day: "2026-11-10", storeChain: "lawson", count: 1, copies: 1, feeTotal: 300 },
        { day: "2026-11-25", storeChain: "familymart", count: 1, copies: 2, feeTotal: 600 },
      ],
      rates,
      117,
      14,
    );
    expect(s.chains).toEqual([
      { storeChain: "lawson", count: 3, copies: 4, feeTotal: 1200, commission: 3 * 120 + 100, rates: [100, 120], net: 1200 - 460 },
      { storeChain: "familymart", count: 1, copies: 2, feeTotal: 600, commission: 250, rates: [125], net: 350 },
    ]);
    expect(s.totals).toEqual({ count: 4, copies: 6, feeTotal: 1800, commission: 710, net: 1090 });
    expect(s.kioskShare).toBeCloseTo(0.3);
    expect(computeSettlement([], rates, 117, null).kioskShare).toBeNull();
  });
});
