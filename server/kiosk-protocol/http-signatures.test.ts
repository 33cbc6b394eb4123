import { describe, expect, it } from "vitest";
import { contentDigest, parseSignatureHeaders, signRequest, verifyContentDigest, verifySignature } from "./http-signatures";

const target = "https://shomei.example.jp/api/kiosk/v1/eligibility";
const body = JSON.stringify({ hello: "世界" });
const now = new Date("2026-11-27T01:00:00Z");
const secret = "s3cret-s3cret-s3cret";

function signed(overrides: Partial<Parameters<typeof signRequest>[0]> = {}) {
  const h = signRequest({ method: "POST", targetUri: target, body, keyId: "k1", secret, now, nonce: "n-1", ...overrides });
  return { h, parsed: parseSignatureHeaders(h["Signature-Input"], h.Signature) };
}

describe("Content-Digest (RFC 9530)", () => {
  it("matches the body and nothing else", () => {
    expect(contentDigest("")).toBe("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
    expect(verifyContentDigest(contentDigest(body), body)).toBe(true);
    expect(verifyContentDigest(contentDigest(body), body + " ")).toBe(false);
    expect(verifyContentDigest(null, body)).toBe(false);
  });
});

describe("HTTP Message Signatures (RFC 9421, hmac-sha256)", () => {
  const req = { method: "POST", targetUri: target, contentDigest: contentDigest(body) };

  it("verifies what it signed, and produces the RFC's header shapes", () => {
    const { h, parsed } = signed();
    expect(h["Signature-Input"]).toBe(`sig1=("@method" "@target-uri" "content-digest");created=${now.getTime() / 1000};keyid="k1";nonce="n-1";alg="hmac-sha256"`);
    expect(h.Signature).toMatch(/^sig1=:[A-Za-z0-9+/]+=*:$/);
    expect(parsed.params).toEqual({ created: now.getTime() / 1000, nonce: "n-1", keyid: "k1", alg: "hmac-sha256" });
    expect(verifySignature(parsed, req, [secret], now)).toEqual({ ok: true });
  });

  it("accepts the previous secret during a rotation", () => {
    const { parsed } = signed();
    expect(verifySignature(parsed, req, ["new-secret", secret], now)).toEqual({ ok: true });
  });

  it("refuses another secret, method, target or body", () => {
    const { parsed } = signed();
    expect(verifySignature(parsed, req, ["other"], now)).toEqual({ ok: false, code: "signature_invalid" });
    expect(verifySignature(parsed, { ...req, method: "PUT" }, [secret], now).ok).toBe(false);
    expect(verifySignature(parsed, { ...req, targetUri: target + "?x=1" }, [secret], now).ok).toBe(false);
    expect(verifySignature(parsed, { ...req, contentDigest: contentDigest("{}") }, [secret], now).ok).toBe(false);
  });

  it("refuses a signature outside the 5-minute window, at the edge exactly inside", () => {
    const { parsed } = signed();
    expect(verifySignature(parsed, req, [secret], new Date(now.getTime() + 300_000)).ok).toBe(true);
    expect(verifySignature(parsed, req, [secret], new Date(now.getTime() + 301_000))).toEqual({ ok: false, code: "signature_expired" });
    expect(verifySignature(parsed, req, [secret], new Date(now.getTime() - 301_000))).toEqual({ ok: false, code: "signature_expired" });
  });

  it("refuses a tampered parameter (the params are part of the base)", () => {
    const { h } = signed();
    const tampered = parseSignatureHeaders(h["Signature-Input"].replace('nonce="n-1"', 'nonce="n-2"'), h.Signature);
    expect(verifySignature(tampered, req, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
  });

  it("requires the covered components and the algorithm", () => {
    const { h } = signed();
    const fewer = parseSignatureHeaders(h["Signature-Input"].replace(' "content-digest"', ""), h.Signature);
    expect(verifySignature(fewer, req, [secret], now)).toEqual({ ok: false, code: "signature_components_missing" });
    const rsa = parseSignatureHeaders(h["Signature-Input"].replace("hmac-sha256", "rsa-pss-sha512"), h.Signature);
    expect(verifySignature(rsa, req, [secret], now)).toEqual({ ok: false, code: "signature_algorithm_unsupported" });
  });

  it("refuses a covered component it cannot reproduce instead of failing", () => {
    const { h } = signed();
    const extra = parseSignatureHeaders(h["Signature-Input"].replace('"content-digest")', '"content-digest" "content-type")'), h.Signature);
    expect(verifySignature(extra, req, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
  });

  describe("Idempotency-Key as a covered component", () => {
    const key = "3f0c9a7e-5b1d-4c8e-9a2f-6d4b8e1c7a90";
    const withKey = { ...req, idempotencyKey: key };

    it("covers the key when one is given, and sends it", () => {
      const { h, parsed } = signed({ idempotencyKey: key });
      expect(h["Signature-Input"]).toMatch(/^sig1=\("@method" "@target-uri" "content-digest" "idempotency-key"\);/);
      expect(h["Idempotency-Key"]).toBe(key);
      expect(parsed.components).toContain("idempotency-key");
      expect(verifySignature(parsed, withKey, [secret], now)).toEqual({ ok: true });
      expect(signed().h).not.toHaveProperty("Idempotency-Key");
    });

    it("refuses a key swapped or removed after signing", () => {
      const { parsed } = signed({ idempotencyKey: key });
      expect(verifySignature(parsed, { ...req, idempotencyKey: "another-key-0001" }, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
      expect(verifySignature(parsed, { ...req, idempotencyKey: `${key}x` }, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
      expect(verifySignature(parsed, req, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
      expect(verifySignature(parsed, { ...req, idempotencyKey: null }, [secret], now)).toEqual({ ok: false, code: "signature_invalid" });
    });

    it("refuses a request carrying a key its signature does not cover", () => {
      const { parsed } = signed();
      expect(verifySignature(parsed, req, [secret], now)).toEqual({ ok: true });
      expect(verifySignature(parsed, withKey, [secret], now)).toEqual({ ok: false, code: "signature_components_missing" });
      expect(verifySignature(parsed, { ...req, idempotencyKey: "" }, [secret], now)).toEqual({ ok: false, code: "signature_components_missing" });
    });
  });

  it("rejects malformed headers", () => {
    expect(() => parseSignatureHeaders(null, null)).toThrow();
    expect(() => parseSignatureHeaders('sig2=("@method");created=1;keyid="k";nonce="n";alg="hmac-sha256"', "sig2=:AA==:")).toThrow(/sig1/);
    expect(() => parseSignatureHeaders('sig1=("@method");keyid="k"', "sig1=:AA==:")).toThrow(/required/);
    expect(() => parseSignatureHeaders('sig1=("@method");created=1;keyid="k";nonce="n";alg="hmac-sha256"', "sig1=AA==")).toThrow(/Signature/);
  });

  it("finds sig1 among several dictionary members", () => {
    const { h } = signed();
    const parsed = parseSignatureHeaders(`other=("@method");created=1;keyid="x";nonce="y";alg="z", ${h["Signature-Input"]}`, `other=:AA==:, ${h.Signature}`);
    expect(verifySignature(parsed, req, [secret], now)).toEqual({ ok: true });
  });
});
