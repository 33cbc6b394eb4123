import { describe, expect, it } from "vitest";
import { isValidMunicipalityCode, municipalityCheckDigit } from "./municipality-code";

describe("municipality code check digit", () => {
  it.each([
    ["131016", "千代田区"],
    ["131130", "渋谷区"],
    ["011002", "札幌市"],
    ["261009", "京都市"],
    ["142107", "三浦市"],
    ["014842", "羽幌町"],
    ["272124", "八尾市"],
    ["011011", "札幌市中央区 (remainder 0)"],
  ])("accepts %s (%s)", (code) => {
    expect(isValidMunicipalityCode(code)).toBe(true);
  });

  it("rejects a wrong check digit", () => {
    expect(isValidMunicipalityCode("131017")).toBe(false);
    expect(isValidMunicipalityCode("011001")).toBe(false);
  });

  it("rejects malformed input", () => {
    for (const bad of ["", "13101", "1310160", "13101a", " 131016"]) {
      expect(isValidMunicipalityCode(bad)).toBe(false);
    }
  });

  it("computes the digit from the first five", () => {
    expect(municipalityCheckDigit("13101")).toBe(6);
    expect(municipalityCheckDigit("01100")).toBe(2);
  });
});
