import { describe, expect, it } from "vitest";
import { decryptField, encryptField, envelopeKeyId, generateKeySpec, parseKeyring } from "./field-encryption";

describe("field encryption", () => {
  const ring = parseKeyring(generateKeySpec("k1"), "k1");

  it("round-trips and never contains the plaintext", () => {
    const { cipher, keyId } = encryptField("123456789018", "Resident.myNumber", ring);
    expect(keyId).toBe("k1");
    expect(cipher).not.toContain("123456789018");
    expect(decryptField(cipher, "Resident.myNumber", ring)).toBe("123456789018");
  });

  it("uses a fresh IV each time", () => {
    const a = encryptField("same", "ctx", ring).cipher;
    const b = encryptField("same", "ctx", ring).cipher;
    expect(a).not.toBe(b);
  });

  it("refuses an envelope moved to another field (AAD)", () => {
    const { cipher } = encryptField("123456789018", "Resident.myNumber", ring);
    expect(() => decryptField(cipher, "SupportMeasure.details", ring)).toThrow();
  });

  it("detects tampering", () => {
    const { cipher } = encryptField("123456789018", "ctx", ring);
    const parts = cipher.split(".");
    const ct = Buffer.from(parts[4], "base64url");
    ct[0] ^= 1;
    parts[4] = ct.toString("base64url");
    expect(() => decryptField(parts.join("."), "ctx", ring)).toThrow();
  });

  it("decrypts with an old key after rotation and encrypts with the new one", () => {
    const old = parseKeyring(generateKeySpec("old"), "old");
    const { cipher } = encryptField("secret", "ctx", old);
    const oldSpec = `old:${old.keys.get("old")!.toString("base64")}`;
    const rotated = parseKeyring(`${oldSpec},${generateKeySpec("new")}`, "new");
    expect(decryptField(cipher, "ctx", rotated)).toBe("secret");
    expect(envelopeKeyId(encryptField("x", "ctx", rotated).cipher)).toBe("new");
  });

  it("rejects bad key configuration", () => {
    expect(() => parseKeyring(undefined, undefined)).toThrow(/not set/);
    expect(() => parseKeyring("k:" + Buffer.alloc(16).toString("base64"), "k")).toThrow(/32 bytes/);
    expect(() => parseKeyring(generateKeySpec("a"), "b")).toThrow(/does not name/);
  });
});
