import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./error-codes";
import { ERROR_MESSAGES, errorMessage, type ErrorMessages } from "./error-messages";
import { REFUSAL_MESSAGES } from "./refusal-reasons";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("error messages", () => {
  it("have Japanese text for every code of the table", () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !JAPANESE.test(errorMessage(code)) || !Object.hasOwn(ERROR_MESSAGES, code));
    expect(missing).toEqual([]);
  });

  it("show a refusal as the kiosk does, unless the screens word it otherwise", () => {
    expect(errorMessage("card_revoked")).toBe(REFUSAL_MESSAGES.card_revoked);
  });

  it("give a generic text, never the raw code, for a code outside the table", () => {
    for (const code of ["some_new_code", "toString", "__proto__", ""]) expect(errorMessage(code)).toBe("エラーが発生しました。しばらく時間をおいてから再度お試しください。");
  });

  it("do not compile without a text for every code", () => {
    const { not_found: _dropped, ...withoutOne } = ERROR_MESSAGES;
    // @ts-expect-error a record missing a code is not a messages record
    const incomplete: ErrorMessages = withoutOne;
    expect(Object.keys(incomplete)).not.toContain("not_found");
  });
});
