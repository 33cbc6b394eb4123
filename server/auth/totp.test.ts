import { URI } from "otpauth";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from "./totp";

// RFC 6238 Appendix B: 8-digit codes; the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED_SHA1 = Buffer.from("12345678901234567890", "ascii");
const SEED_SHA256 = Buffer.from("12345678901234567890123456789012", "ascii");
const SEED_SHA512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234", "ascii");
const VECTORS: Array<[number, string, string, string]> = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)("matches the RFC test vectors at T=%i", (t, sha1, sha256, sha512) => {
    expect(hotp(SEED_SHA1, totpStep(t), 8, "sha1")).toBe(sha1);
    expect(hotp(SEED_SHA256, totpStep(t), 8, "sha256")).toBe(sha256);
    expect(hotp(SEED_SHA512, totpStep(t), 8, "sha512")).toBe(sha512);
  });

  it("matches the RFC 4226 HOTP vectors (6 digits)", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expected.forEach((code, counter) => expect(hotp(SEED_SHA1, counter)).toBe(code));
  });

  it("round-trips base32 and tolerates spaces and lower case", () => {
    expect(base32Encode(SEED_SHA1)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").equals(SEED_SHA1)).toBe(true);
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });

  it("accepts the current code and one step either side, nothing further", () => {
    const secret = base32Encode(SEED_SHA1);
    const now = 1_800_000_015_000; // mid-step
    const step = totpStep(now / 1000);
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("rejects malformed codes", () => {
    const secret = generateTotpSecret();
    for (const bad of ["", "12345", "1234567", "12a456", " 123456"]) expect(verifyTotp(secret, bad)).toBeNull();
  });

  it("builds an otpauth URI authenticator apps read", () => {
    const uri = otpauthUri({ issuer: "コンビニ交付", account: "setagaya-clerk", secret: "JBSWY3DPEHPK3PXP" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+:setagaya-clerk\?/);
    const params = new URL(uri).searchParams;
    expect(params.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(params.get("issuer")).toBe("コンビニ交付");
    expect(params.get("digits")).toBe("6");
    expect(params.get("period")).toBe("30");
    // An authenticator app that reads the URI computes the codes the server accepts.
    const app = URI.parse(uri);
    const now = 1_800_000_015_000;
    expect(app.generate({ timestamp: now })).toBe(totpCode("JBSWY3DPEHPK3PXP", now));
  });
});
