// Application-layer encryption of personal fields (個人番号, 支援措置 details, API secrets, TOTP secrets) and
// blobs (the rendered certificate PDFs kept until completion).
// AES-256-GCM with a random 96-bit IV; envelope "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts).
// Keys come from FIELD_ENCRYPTION_KEYS ("kid:base64key,kid2:base64key"); FIELD_ENCRYPTION_KEY_ID picks the
// key for new envelopes, the others still decrypt (rotation: add a key, switch the id, re-encrypt with
// `npm run keys:reencrypt` (reencrypt-fields.ts), drop; docs/operations.md).
// No "server-only" here: the seed and import CLIs use it outside Next.
import crypto from "node:crypto";
import { getEnv } from "../env";
import { KeyringError, parseKeyring, type Keyring } from "./keyring";

export { KeyringError, parseKeyring, type Keyring } from "./keyring";

let cached: { spec: string; id: string | undefined; ring: Keyring } | null = null;

export function keyringFromEnv(env: { FIELD_ENCRYPTION_KEYS?: string; FIELD_ENCRYPTION_KEY_ID?: string } = getEnv()): Keyring {
  const spec = env.FIELD_ENCRYPTION_KEYS ?? "";
  const id = env.FIELD_ENCRYPTION_KEY_ID;
  if (cached && cached.spec === spec && cached.id === id) return cached.ring;
  const ring = parseKeyring(spec, id);
  cached = { spec, id, ring };
  return ring;
}

export function generateKeySpec(kid = "dev1"): string {
  return `${kid}:${crypto.randomBytes(32).toString("base64")}`;
}

const b64u = (b: Buffer) => b.toString("base64url");

/** Encrypts `plaintext`; `context` (e.g. "Resident.myNumber") is bound as AAD so envelopes cannot be swapped between fields. */
export function encryptField(plaintext: string, context: string, ring: Keyring = keyringFromEnv()): { cipher: string; keyId: string } {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  const tag = c.getAuthTag();
  return { cipher: ["v1", ring.currentKeyId, b64u(iv), b64u(tag), b64u(ct)].join("."), keyId: ring.currentKeyId };
}

export function decryptField(envelope: string, context: string, ring: Keyring = keyringFromEnv()): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new KeyringError("unknown envelope format");
  const [, kid, iv, tag, ct] = parts;
  const key = ring.keys.get(kid);
  if (!key) throw new KeyringError(`no key for key id ${kid}`);
  const d = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  d.setAAD(Buffer.from(context, "utf8"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
}

export function envelopeKeyId(envelope: string): string {
  return envelope.split(".")[1] ?? "";
}

// Blobs (the rendered certificate PDF) use the same keyring and cipher in a binary envelope, so a large
// value does not grow by base64: "FEB1" (magic and version), 1 byte key id length, the key id (ASCII),
// IV (12 bytes), GCM tag (16 bytes), ciphertext. Self-describing like the string envelope: the key id
// travels with the value, so rotation works the same way.
const BYTES_MAGIC = Buffer.from("FEB1", "ascii");
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts a blob; `context` is bound as AAD (use a row-bound context, e.g. FieldContext.issuancePdf(id)). */
export function encryptBytes(plaintext: Uint8Array, context: string, ring: Keyring = keyringFromEnv()): { cipher: Uint8Array<ArrayBuffer>; keyId: string } {
  const key = ring.keys.get(ring.currentKeyId)!;
  const kid = Buffer.from(ring.currentKeyId, "ascii");
  const iv = crypto.randomBytes(IV_BYTES);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  const out = new Uint8Array(BYTES_MAGIC.length + 1 + kid.length + IV_BYTES + TAG_BYTES + ct.length);
  let at = 0;
  for (const part of [BYTES_MAGIC, Buffer.from([kid.length]), kid, iv, c.getAuthTag(), ct]) {
    out.set(part, at);
    at += part.length;
  }
  return { cipher: out, keyId: ring.currentKeyId };
}

/** Decrypts a blob envelope; throws when the envelope is not one, the key is unknown, or AAD or bytes differ. */
export function decryptBytes(envelope: Uint8Array, context: string, ring: Keyring = keyringFromEnv()): Buffer {
  const b = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  const { kid, body } = splitBytesEnvelope(b);
  const key = ring.keys.get(kid);
  if (!key) throw new KeyringError(`no key for key id ${kid}`);
  const d = crypto.createDecipheriv("aes-256-gcm", key, body.subarray(0, IV_BYTES));
  d.setAAD(Buffer.from(context, "utf8"));
  d.setAuthTag(body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([d.update(body.subarray(IV_BYTES + TAG_BYTES)), d.final()]);
}

export function bytesEnvelopeKeyId(envelope: Uint8Array): string {
  return splitBytesEnvelope(Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength)).kid;
}

function splitBytesEnvelope(b: Buffer): { kid: string; body: Buffer } {
  if (b.length < BYTES_MAGIC.length + 1 || !b.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)) throw new KeyringError("unknown envelope format");
  const kidLength = b[BYTES_MAGIC.length];
  const kidEnd = BYTES_MAGIC.length + 1 + kidLength;
  if (kidLength === 0 || b.length < kidEnd + IV_BYTES + TAG_BYTES) throw new KeyringError("truncated envelope");
  return { kid: b.subarray(BYTES_MAGIC.length + 1, kidEnd).toString("ascii"), body: b.subarray(kidEnd) };
}

/** Field contexts (AAD). One place, so a typo cannot make an envelope unreadable. */
export const FieldContext = {
  myNumber: "Resident.myNumber",
  supportMeasure: "SupportMeasure.details",
  apiClientSecret: "ApiClient.secret",
  mfaSecret: "StaffUser.mfaSecret",
  registrationEmail: "KosekiRegistration.email",
  issuanceBlockNote: "IssuanceBlock.note",
  /** Bound to the row: a stored PDF copied onto another issuance does not decrypt there. */
  issuancePdf: (issuanceId: string) => `Issuance.pdf:${issuanceId}`,
  /** Bound to the municipality: a secret copied onto another municipality's settings does not decrypt there. */
  alertWebhookSecret: (municipalityId: string) => `AlertSettings.webhookSecret:${municipalityId}`,
} as const;
