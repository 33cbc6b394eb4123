import { describe, expect, it } from "vitest";
import { bytesEnvelopeKeyId, decryptBytes, decryptField, encryptBytes, encryptField, envelopeKeyId, FieldContext, generateKeySpec, parseKeyring } from "./field-encryption";

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

  describe("blobs (encryptBytes)", () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj << /Keywords (issuance-id:A) >> 山田太郎 %%EOF", "utf8");
    const ctxA = FieldContext.issuancePdf("0193a4c2-0000-7000-8000-00000000000a");
    const ctxB = FieldContext.issuancePdf("0193a4c2-0000-7000-8000-00000000000b");

    it("round-trips, and the envelope carries neither the PDF header nor the text", () => {
      const { cipher, keyId } = encryptBytes(pdf, ctxA, ring);
      expect(keyId).toBe("k1");
      expect(bytesEnvelopeKeyId(cipher)).toBe("k1");
      const stored = Buffer.from(cipher);
      expect(stored.includes("%PDF")).toBe(false);
      expect(stored.includes(Buffer.from("山田太郎", "utf8"))).toBe(false);
      expect(decryptBytes(cipher, ctxA, ring).equals(pdf)).toBe(true);
    });

    it("refuses an envelope moved to another issuance (AAD bound to the row)", () => {
      const { cipher } = encryptBytes(pdf, ctxA, ring);
      expect(() => decryptBytes(cipher, ctxB, ring)).toThrow();
    });

    it("detects tampering and refuses what is not an envelope (a plaintext PDF)", () => {
      const cipher = Buffer.from(encryptBytes(pdf, ctxA, ring).cipher);
      cipher[cipher.length - 1] ^= 1;
      expect(() => decryptBytes(cipher, ctxA, ring)).toThrow();
      expect(() => decryptBytes(pdf, ctxA, ring)).toThrow(/unknown envelope format/);
      expect(() => decryptBytes(Buffer.from("FEB1"), ctxA, ring)).toThrow();
    });

    it("decrypts with an old key after rotation", () => {
      const old = parseKeyring(generateKeySpec("old"), "old");
      const { cipher } = encryptBytes(pdf, ctxA, old);
      const rotated = parseKeyring(`old:${old.keys.get("old")!.toString("base64")},${generateKeySpec("new")}`, "new");
      expect(decryptBytes(cipher, ctxA, rotated).equals(pdf)).toBe(true);
      expect(bytesEnvelopeKeyId(encryptBytes(pdf, ctxA, rotated).cipher)).toBe("new");
    });
  });

  it("rejects bad key configuration", () => {
    expect(() => parseKeyring(undefined, undefined)).toThrow(/not set/);
    expect(() => parseKeyring("k:" + Buffer.alloc(16).toString("base64"), "k")).toThrow(/32 bytes/);
    expect(() => parseKeyring(generateKeySpec("a"), "b")).toThrow(/does not name/);
  });
});
