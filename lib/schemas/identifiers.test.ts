import { describe, expect, it } from "vitest";
import { ZMunicipalityCode, ZMyNumber } from "./identifiers";

describe("identifier schemas", () => {
  it("accepts valid codes and numbers", () => {
    expect(ZMunicipalityCode.parse(" 131016 ")).toBe("131016");
    expect(ZMyNumber.parse("123456789018")).toBe("123456789018");
  });

  it("explains a wrong check digit in Japanese", () => {
    const r = ZMunicipalityCode.safeParse("131017");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("団体コードの検査数字が正しくありません。");
    expect(ZMyNumber.safeParse("123456789012").error?.issues[0].message).toBe("個人番号の検査数字が正しくありません。");
  });

  it("explains a malformed value in Japanese", () => {
    expect(ZMunicipalityCode.safeParse("13101").error?.issues[0].message).toBe("団体コードは6桁の数字で入力してください。");
    expect(ZMyNumber.safeParse("1234-5678-9018").error?.issues[0].message).toBe("個人番号は12桁の数字で入力してください。");
  });
});
