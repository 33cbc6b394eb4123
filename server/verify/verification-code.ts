import "server-only";
import crypto from "node:crypto";
import { VERIFICATION_CODE_ALPHABET, VERIFICATION_CODE_LENGTH, normalizeVerificationCode, verificationUrl } from "@/lib/schemas/verify";
import { getEnv } from "../env";
import type { Verification } from "../pdf/document-model";

// The 照合番号 printed on every page of a certificate (docs/verify.md). Only its hash is stored
// (Issuance.verificationCodeHash); the plaintext exists in the PDF alone, which is stored encrypted.

/** 12 Crockford base32 characters from 60 random bits, as XXXX-XXXX-XXXX. */
export function generateVerificationCode(): string {
  // 256 is a multiple of 32: the low five bits of a random byte are uniform.
  const chars = Array.from(crypto.randomBytes(VERIFICATION_CODE_LENGTH), (b) => VERIFICATION_CODE_ALPHABET[b & 31]).join("");
  return normalizeVerificationCode(chars);
}

/**
 * SHA-256 (hex) over "<発行番号>:<normalised 照合番号>". Salted by the 発行番号, so one precomputed table does
 * not serve every row. Deliberately not keyed: 60 random bits make an online guess hopeless behind the rate
 * limits, and whoever could brute-force a stolen hash offline already holds the database, where the code
 * would only let them make a genuine issuance look genuine (docs/verify.md, "what it does not prove").
 */
export function verificationCodeHash(issuanceNo: string, code: string): string {
  return crypto.createHash("sha256").update(`${issuanceNo}:${normalizeVerificationCode(code)}`).digest("hex");
}

/** Printed on a staff preview (doc.sample), whose 発行番号 is not a real one either: a lookup never finds it. */
export const SAMPLE_VERIFICATION_CODE = "0000-0000-0000";

/**
 * Where the QR code sends the reader: VERIFY_BASE_URL, else NEXTAUTH_URL, else this server on localhost. In
 * production the start-up check requires it to be https (server/startup/production-readiness.ts).
 */
export function verifyBaseUrl(): string {
  const env = getEnv();
  return env.VERIFY_BASE_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** The 照合番号 and the page's verification address, as the document prints them. */
export function printedVerification(issuanceNo: string, code: string): Verification {
  return { code, url: verificationUrl(verifyBaseUrl(), issuanceNo, code) };
}
