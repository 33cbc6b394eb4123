import { describe, expect, it } from "vitest";
import { feeInForce, totalFee, type FeeRow } from "./fee-in-force";

const jst = (s: string) => new Date(`${s}+09:00`);
const rows: FeeRow[] = [
  { kind: "standard", amount: 300, effectiveFrom: jst("2020-04-01T00:00:00"), effectiveUntil: null },
  { kind: "standard", amount: 200, effectiveFrom: jst("2026-11-28T00:00:00"), effectiveUntil: null },
  { kind: "campaign", amount: 10, effectiveFrom: jst("2026-12-01T00:00:00"), effectiveUntil: jst("2026-12-08T00:00:00") },
];

describe("fee in force", () => {
  it("switches to tomorrow's fee at 00:00 JST", () => {
    expect(feeInForce(rows, jst("2026-11-27T23:59:59"))).toBe(300);
    expect(feeInForce(rows, jst("2026-11-28T00:00:00"))).toBe(200);
  });

  it("applies a campaign fee only while it runs (end exclusive)", () => {
    expect(feeInForce(rows, jst("2026-11-30T23:59:59"))).toBe(200);
    expect(feeInForce(rows, jst("2026-12-01T00:00:00"))).toBe(10);
    expect(feeInForce(rows, jst("2026-12-07T23:59:59"))).toBe(10);
    expect(feeInForce(rows, jst("2026-12-08T00:00:00"))).toBe(200);
  });

  it("is null before any fee exists", () => {
    expect(feeInForce(rows, jst("2019-01-01T00:00:00"))).toBeNull();
    expect(feeInForce([], new Date("2026-11-27T10:00:00+09:00"))).toBeNull();
  });

  it("multiplies by copies", () => {
    expect(totalFee(200, 3)).toBe(600);
  });
});
