import { describe, expect, it } from "vitest";
import { matchApplication, normalizeForMatch, sameHonseki } from "./match-koseki";

const rec = { honseki: "北山県東市本町七番地", headFamilyName: "山川", headGivenName: "一郎", familyName: "山川", givenName: "花子", dateOfBirth: "1982-08-08" };

describe("matching an application against the 戸籍", () => {
  it("ignores width, spaces and kanji versus arabic numerals", () => {
    expect(normalizeForMatch("本町 ７番地")).toBe(normalizeForMatch("本町七番地"));
    expect(normalizeForMatch("三丁目十二番地")).toBe("3丁目12番地");
    expect(sameHonseki("東市本町7番地", "北山県東市本町七番地")).toBe(true);
    expect(sameHonseki("北山県東市本町八番地", "北山県東市本町七番地")).toBe(false);
  });

  it("reports every field and which ones differ", () => {
    const full = matchApplication({ honseki: "北山県東市本町７番地", kosekiHeadName: "山川　一郎", familyName: "山川", givenName: "花子", dateOfBirth: "1982-08-08" }, rec);
    expect(full).toMatchObject({ matched: 4, complete: true });
    const partial = matchApplication({ honseki: "北山県東市本町九番地", kosekiHeadName: "山川 一郎", familyName: "山川", givenName: "華子", dateOfBirth: "1982-08-09" }, rec);
    expect(partial.complete).toBe(false);
    expect(partial.fields.filter((f) => !f.matches).map((f) => f.field)).toEqual(["honseki", "name", "dateOfBirth"]);
  });
});
