import { describe, expect, it } from "vitest";
import { isValidMyNumber, maskMyNumber, myNumberCheckDigit } from "./my-number";

describe("個人番号 check digit", () => {
  it("accepts the published sample 123456789018", () => {
    expect(isValidMyNumber("123456789018")).toBe(true);
    expect(myNumberCheckDigit("12345678901")).toBe(8);
  });

  it("rejects every other final digit", () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 8) continue;
      expect(isValidMyNumber(`12345678901${d}`)).toBe(false);
    }
  });

  it("gives 0 when the remainder is 0 or 1", () => {
    // 00000000000 → sum 0 → r 0 → 0
    expect(myNumberCheckDigit("00000000000")).toBe(0);
  });

  it("rejects malformed input", () => {
    for (const bad of ["", "12345678901", "1234567890180", "12345678901a"]) {
      expect(isValidMyNumber(bad)).toBe(false);
    }
  });

  it("masks all but the last four digits", () => {
    expect(maskMyNumber("123456789018")).toBe("********9018");
  });
});
