import { describe, expect, it } from "vitest";
import { percentile, round, summarize, table, throughput } from "./bench-stats";

describe("percentile (nearest rank)", () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it("is the smallest value with at least p % of the values at or below it", () => {
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 51)).toBe(6);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 100)).toBe(10);
    expect(percentile(ten, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
  });
  it("is NaN for no values", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts, and rounds each figure to one decimal", () => {
    expect(summarize([3.14, 1, 2, 10])).toEqual({ n: 4, mean: 4, p50: 2, p95: 10, p99: 10, max: 10 });
    expect(summarize([])).toMatchObject({ n: 0, mean: 0 });
  });
});

describe("round, throughput and table", () => {
  it("formats the figures the benchmark reports print", () => {
    expect(round(1.25, 1)).toBe(1.3);
    expect(throughput(100, 3)).toBe(33.33);
    expect(throughput(1_000_000, 7, 0)).toBe(142857);
    expect(table(["c", "p50 ms"], [[1, 12.5], [16, 3]])).toBe(["|  c | p50 ms |", "|----|--------|", "|  1 |   12.5 |", "| 16 |      3 |"].join("\n"));
  });
});
