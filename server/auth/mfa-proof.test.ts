import { beforeAll, describe, expect, it } from "vitest";
import { checkMfaProof, signMfaProof } from "./mfa-proof";

beforeAll(() => {
  // The proof needs the session key only (server/env.ts validates the others when they are set).
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
});

describe("MFA proof", () => {
  const now = 1_800_000_000;
  it("is accepted for the same user and session within two minutes", () => {
    const proof = signMfaProof("user-1", now - 10, now);
    expect(checkMfaProof(proof, "user-1", now - 10, now + 119)).toBe(true);
    expect(checkMfaProof(proof, "user-1", now - 10, now + 120)).toBe(false);
  });

  it("does not lift another user's or another session's MFA step, and rejects tampering", () => {
    const proof = signMfaProof("user-1", now - 10, now);
    expect(checkMfaProof(proof, "user-2", now - 10, now)).toBe(false);
    expect(checkMfaProof(proof, "user-1", now - 5, now)).toBe(false);
    const [payload, tag] = proof.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "user-2", sia: now - 10, exp: now + 999 })).toString("base64url");
    expect(checkMfaProof(`${forged}.${tag}`, "user-2", now - 10, now)).toBe(false);
    expect(checkMfaProof(`${payload}.x${tag.slice(1)}`, "user-1", now - 10, now)).toBe(false);
    expect(checkMfaProof(undefined, "user-1", now - 10, now)).toBe(false);
    expect(checkMfaProof("garbage", "user-1", now - 10, now)).toBe(false);
  });
});
