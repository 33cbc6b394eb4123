import { describe, expect, it } from "vitest";
import { DEFAULT_CALLBACK_PATH, safeCallbackUrl } from "./safe-callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackUrl", () => {
  // The values as they reach the function: a query-string value arrives decoded once (`/%09/…` as a tab),
  // a value from elsewhere (a cookie, a re-encoded parameter) may still be encoded.
  const attacks: Array<[string, string]> = [
    ["tab after the slash, decoded (/%09/evil.example)", "/\t/evil.example"],
    ["tab after the slash, still encoded", "/%09/evil.example"],
    ["CR and LF", "/\r\n/evil.example"],
    ["any other C0 control character", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["a tab as the second character", "/\tevil"],
    ["a backslash after the slash (/\\evil.example)", "/\\evil.example"],
    ["two backslashes", "/\\\\evil.example"],
    ["encoded backslashes", "/%5C%5Cevil.example"],
    ["a backslash later in the path", "/issuances\\..\\..\\evil"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative, encoded", "%2F%2Fevil.example"],
    ["an encoded second slash", "/%2Fevil.example"],
    ["an absolute URL", "https://evil.example"],
    ["an absolute URL on a look-alike host", "https://localhost:3000.evil.example/"],
    ["an absolute URL with credentials", "http://localhost:3000@evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a bare host", "evil.example"],
    ["a value that does not decode", "/issuances?q=%E0%A4%A"],
    ["an empty value", ""],
  ];

  it.each(attacks)("refuses %s", (_name, value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it("refuses an absolute URL even on the app's own origin unless asked to accept it", () => {
    expect(safeCallbackUrl("http://localhost:3000/issuances", ORIGIN)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it("refuses a missing value and honours a given fallback", () => {
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe(DEFAULT_CALLBACK_PATH);
    expect(safeCallbackUrl(null, ORIGIN)).toBe(DEFAULT_CALLBACK_PATH);
    expect(safeCallbackUrl("//evil.example", ORIGIN, { fallback: "/" })).toBe("/");
  });

  it.each([
    ["/issuances?page=2", "/issuances?page=2"],
    ["/dashboard", "/dashboard"],
    ["/staff/abc#mfa", "/staff/abc#mfa"],
    ["/issuances?q=%E4%B8%96%E7%94%B0%E8%B0%B7", "/issuances?q=%E4%B8%96%E7%94%B0%E8%B0%B7"],
    ["/a/../issuances", "/issuances"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  describe("with allowAbsoluteSameOrigin (next-auth's redirect callback)", () => {
    const opts = { allowAbsoluteSameOrigin: true };

    it("accepts the app's own absolute URL and returns only its path", () => {
      expect(safeCallbackUrl("http://localhost:3000/issuances?page=2#top", ORIGIN, opts)).toBe("/issuances?page=2#top");
      expect(safeCallbackUrl("/login?notice=password_changed", ORIGIN, opts)).toBe("/login?notice=password_changed");
    });

    it.each([
      "https://evil.example",
      "https://localhost:3000.evil.example/",
      "http://localhost:3000@evil.example/",
      "http://localhost:3000//evil.example",
      "http://localhost:3000/\t/evil.example",
      "http://localhost:3000/%5C%5Cevil.example",
      "https://localhost:3000/issuances",
      "http://localhost:30000/issuances",
      "//evil.example",
      "javascript:alert(1)",
    ])("still refuses %s", (value) => {
      expect(safeCallbackUrl(value, ORIGIN, opts)).toBe(DEFAULT_CALLBACK_PATH);
    });
  });
});
