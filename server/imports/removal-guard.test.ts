import { describe, expect, it } from "vitest";
import { evaluateRemovalShare } from "./removal-guard";

describe("evaluateRemovalShare", () => {
  it("refuses only above the limit, and never a first load", () => {
    expect(evaluateRemovalShare({ current: 100, removed: 5, rowsInFile: 95, limitPercent: 5 }).exceeded).toBe(false);
    expect(evaluateRemovalShare({ current: 100, removed: 6, rowsInFile: 94, limitPercent: 5 })).toEqual({
      check: { current: 100, removed: 6, rowsInFile: 94, sharePercent: 6, limitPercent: 5 },
      exceeded: true,
    });
    expect(evaluateRemovalShare({ current: 0, removed: 0, rowsInFile: 10, limitPercent: 5 }).exceeded).toBe(false);
    expect(evaluateRemovalShare({ current: 3, removed: 1, rowsInFile: 2, limitPercent: 0 }).check.sharePercent).toBe(33.33);
    expect(evaluateRemovalShare({ current: 3, removed: 0, rowsInFile: 3, limitPercent: 0 }).exceeded).toBe(false);
    expect(evaluateRemovalShare({ current: 3, removed: 3, rowsInFile: 1, limitPercent: 100 }).exceeded).toBe(false);
  });
});
