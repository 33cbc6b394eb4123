// TOTP (RFC 6238) over HOTP (RFC 4226): HMAC-SHA-1, 6 digits, 30-second steps, ±1 step of clock drift.
// The codes, base32 and the otpauth:// URI come from the otpauth library (checked against the RFC test vectors
// in totp.test.ts); this module fixes the parameters and the shapes the callers use.
// No "server-only" here: the e2e sign-in helper computes codes with it outside Next.
import { HOTP, Secret, TOTP } from "otpauth";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
/** 160-bit secrets, the size RFC 4226 recommends for HMAC-SHA-1. */
export const TOTP_SECRET_BYTES = 20;
const ALGORITHM = "SHA1";

/** A copy of the bytes: a small Buffer shares its ArrayBuffer with Node's pool. */
const secretOf = (key: Uint8Array) => new Secret({ buffer: Uint8Array.from(key).buffer });
const secretFromBase32 = (text: string) => Secret.fromBase32(text.replace(/[\s-]/g, ""));
const PARAMETERS = { algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_STEP_SECONDS } as const;

export function base32Encode(bytes: Buffer): string {
  return secretOf(bytes).base32;
}

/** Decodes base32, ignoring case, spaces, hyphens and padding (people type secrets by hand). */
export function base32Decode(text: string): Buffer {
  return Buffer.from(secretFromBase32(text).bytes);
}


export function generateTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/** HOTP value for a counter (RFC 4226 §5.3, dynamic truncation). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  return HOTP.generate({ secret: secretOf(key), counter, digits, algorithm: algorithm.toUpperCase() });
}

export function totpStep(unixSeconds: number): number {
  return Math.floor(unixSeconds / TOTP_STEP_SECONDS);
}

/** The code for a base32 secret at a time (ms since the epoch, as Date.now()). */
export function totpCode(secretBase32: string, nowMs = Date.now()): string {
  return TOTP.generate({ secret: secretFromBase32(secretBase32), ...PARAMETERS, timestamp: nowMs });
}

/**
 * The step a code matches within ±TOTP_WINDOW steps of `nowMs`, or null. otpauth compares in constant time per
 * candidate so timing does not reveal how many digits matched.
 */
export function verifyTotp(secretBase32: string, code: string, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ token: code, secret: secretFromBase32(secretBase32), ...PARAMETERS, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(nowMs / 1000) + delta;
}

/** The otpauth:// URI authenticator apps read (Key Uri Format), for a QR code or manual entry. */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  return new TOTP({ issuer, label: account, secret, ...PARAMETERS }).toString();
}
