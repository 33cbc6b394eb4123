import "server-only";
import crypto from "node:crypto";
import { requireEnv } from "../env";

// A short-lived, signed statement "this staff member passed the MFA step for the session that signed in at
// signedInAt". The MFA verbs run in server actions (where form errors are easy to return); the JWT can only
// be rewritten by next-auth's session update, so the action hands the client this proof and the jwt callback
// checks it before it sets mfaPassed. It is bound to the session's sign-in time, so it cannot lift another
// session of the same user, and it expires within two minutes.
const PROOF_TTL_SECONDS = 120;

function mac(payload: string): string {
  return crypto.createHmac("sha256", `mfa-proof:${requireEnv("NEXTAUTH_SECRET")}`).update(payload).digest("base64url");
}

export function signMfaProof(staffId: string, signedInAt: number, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const payload = Buffer.from(JSON.stringify({ sub: staffId, sia: signedInAt, exp: nowSeconds + PROOF_TTL_SECONDS })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

export function checkMfaProof(proof: unknown, staffId: string, signedInAt: number, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (typeof proof !== "string" || proof.length > 512) return false;
  const [payload, tag] = proof.split(".");
  if (!payload || !tag) return false;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return false;
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown; sia?: unknown; exp?: unknown };
    return body.sub === staffId && body.sia === signedInAt && typeof body.exp === "number" && body.exp > nowSeconds;
  } catch {
    return false;
  }
}
