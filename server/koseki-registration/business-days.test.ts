import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay, isOverdue } from "./business-days";

describe("review deadlines in business days", () => {
  it("skips weekends", () => {
    // 2026-11-27 is a Friday: 5 business days → Mon 11/30 … Fri 12/4.
    expect(addBusinessDays("2026-11-27", 5)).toBe("2026-12-04");
    expect(addBusinessDays("2026-11-28", 1)).toBe("2026-11-30"); // received on Saturday
  });

  it("skips national holidays and substitute holidays", () => {
    // 2026-11-23 (Mon) is 勤労感謝の日: from Fri 11/20, 11/24 is the first business day.
    expect(isBusinessDay("2026-11-23")).toBe(false);
    expect(addBusinessDays("2026-11-20", 1)).toBe("2026-11-24");
    // 2026-05-06 (Wed) is a 振替休日 for 5/3 (Sun).
    expect(isBusinessDay("2026-05-06")).toBe(false);
    expect(addBusinessDays("2026-05-01", 1)).toBe("2026-05-07");
  });

  it("skips the year-end closure 12/29–1/3", () => {
    for (const d of ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]) expect(isBusinessDay(d)).toBe(false);
    // Fri 12/25 + 5: Mon 12/28, then Mon 1/4 (1/4 is a Monday), 1/5, 1/6, 1/7.
    expect(addBusinessDays("2026-12-25", 5)).toBe("2027-01-07");
  });

  it("skips the municipality's own closure days", () => {
    const closed = new Set(["2026-12-02"]);
    expect(isBusinessDay("2026-12-02", closed)).toBe(false);
    expect(addBusinessDays("2026-11-27", 5, closed)).toBe("2026-12-07");
  });

  it("marks an application overdue from the day after its deadline", () => {
    expect(isOverdue("2026-12-04", "2026-12-04")).toBe(false);
    expect(isOverdue("2026-12-04", "2026-12-05")).toBe(true);
  });
});
