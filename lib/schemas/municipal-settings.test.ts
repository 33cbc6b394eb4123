import { describe, expect, it } from "vitest";
import { fitsField, linesNeeded, ZIssuanceSettingsForm, ZOperationalSettingsForm } from "./municipal-settings";

describe("field limits", () => {
  it("counts the lines a value needs", () => {
    expect(linesNeeded(0, 20)).toBe(0);
    expect(linesNeeded(1, 20)).toBe(1);
    expect(linesNeeded(20, 20)).toBe(1);
    expect(linesNeeded(21, 20)).toBe(2);
  });
  it("a value fits when it needs no more lines than the field has", () => {
    expect(fitsField(40, 40, 1)).toBe(true);
    expect(fitsField(41, 40, 1)).toBe(false);
    expect(fitsField(41, 40, 2)).toBe(true);
    expect(fitsField(81, 40, 2)).toBe(false);
  });
});

describe("settings schemas", () => {
  const ok = { usableFromNextDay: true, nameMaxLength: "20", nameMaxLines: "1", addressMaxLength: "30", addressMaxLines: "2", excludeAdultWards: false, effectiveFrom: "2027-01-05" };
  it("coerces the numbers from the form", () => {
    expect(ZIssuanceSettingsForm.parse(ok)).toMatchObject({ nameMaxLength: 20, addressMaxLines: 2 });
  });
  it("names the field in error", () => {
    const r = ZIssuanceSettingsForm.safeParse({ ...ok, nameMaxLines: "0", effectiveFrom: "2027-02-30" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["effectiveFrom", "nameMaxLines"]);
  });
  it("bounds the operational settings", () => {
    expect(ZOperationalSettingsForm.safeParse({ pdfRetentionHours: "169", registrationReviewDays: "5", yearEndClosure: true }).success).toBe(false);
    expect(ZOperationalSettingsForm.safeParse({ pdfRetentionHours: "48", registrationReviewDays: "5", yearEndClosure: false }).success).toBe(true);
  });
});
