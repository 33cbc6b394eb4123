// HTTP Message Signatures (RFC 9421) with hmac-sha256, and Content-Digest (RFC 9530), for the kiosk API.
// Pure functions shared by the server (verification) and by clients — the simulator, the CLI and tests
// (signing). No "server-only": the CLI imports it.
import crypto from "node:crypto";

export const SIGNATURE_LABEL = "sig1";
export const REQUIRED_COMPONENTS = ["@method", "@target-uri", "content-digest"] as const;
/**
 * The Idempotency-Key header as a covered component. A request that carries the header must sign it: the key
 * decides exactly-once issuance, so a key swapped on the way (proxy, log replay, man in the middle) must break
 * the signature rather than turn a retry into a second issuance, or a new issuance into a replay.
 */
export const IDEMPOTENCY_KEY_COMPONENT = "idempotency-key";
export const SIGNATURE_WINDOW_SECONDS = 300;
/**
 * Maxima of what a client sends (docs/api.md "Signing a request"): generous for any real client (a keyid is
 * about 20 characters, a nonce 22, an hmac-sha256 signature 44), small enough that nothing large is parsed,
 * looked up or stored (the nonce is written to ApiNonce). Exceeding one answers 400 signature_parameter_too_long.
 */
export const SIGNATURE_LIMITS = {
  /** The whole Signature-Input header, and the whole Signature header (characters). */
  headerChars: 1024,
  keyidChars: 64,
  nonceChars: 128,
  algChars: 32,
  /** The base64 signature value between the colons. */
  signatureChars: 128,
} as const;

export function contentDigest(body: Uint8Array | string): string {
  const digest = crypto.createHash("sha256").update(body).digest("base64");
  return `sha-256=:${digest}:`;
}

/** True when the header carries a sha-256 member equal to the body's digest (other algorithms are ignored). */
export function verifyContentDigest(header: string | null, body: Uint8Array | string): boolean {
  if (!header) return false;
  const expected = contentDigest(body);
  return header.split(",").map((s) => s.trim()).some((member) => member === expected);
}

export type SignatureParams = { created: number; nonce: string; keyid: string; alg: string };

function serializeParams(components: readonly string[], p: SignatureParams): string {
  const list = `(${components.map((c) => `"${c}"`).join(" ")})`;
  return `${list};created=${p.created};keyid="${p.keyid}";nonce="${p.nonce}";alg="${p.alg}"`;
}

/** What the signature covers of one request; `idempotencyKey` is the Idempotency-Key header's value, if sent. */
export type SignedRequest = { method: string; targetUri: string; contentDigest: string; idempotencyKey?: string | null };

/** The signature base of RFC 9421 §2.5 for the components we use. */
export function signatureBase(
  req: SignedRequest,
  componentsAndParams: { components: readonly string[]; serializedParams: string },
): string {
  const lines = componentsAndParams.components.map((c) => {
    switch (c) {
      case "@method":
        return `"@method": ${req.method.toUpperCase()}`;
      case "@target-uri":
        return `"@target-uri": ${req.targetUri}`;
      case "content-digest":
        return `"content-digest": ${req.contentDigest}`;
      case IDEMPOTENCY_KEY_COMPONENT:
        // RFC 9421 §2.5: a covered header field the message does not carry cannot be signed or verified.
        if (req.idempotencyKey == null) throw new SignatureFormatError("idempotency-key is covered but the request has no Idempotency-Key");
        return `"idempotency-key": ${req.idempotencyKey.trim()}`;
      default:
        throw new SignatureFormatError(`unsupported component ${c}`);
    }
  });
  lines.push(`"@signature-params": ${componentsAndParams.serializedParams}`);
  return lines.join("\n");
}

export class SignatureFormatError extends Error {}

/** A signature header or parameter longer than SIGNATURE_LIMITS allows. */
export class SignatureTooLongError extends SignatureFormatError {}

/**
 * Signs a request; returns the headers to send (Content-Digest, Signature-Input, Signature, and the
 * Idempotency-Key when one is given, which is then a covered component).
 */
export function signRequest(input: {
  method: string;
  targetUri: string;
  body: Uint8Array | string;
  keyId: string;
  secret: string;
  now?: Date;
  nonce?: string;
  idempotencyKey?: string;
}): Record<"Content-Digest" | "Signature-Input" | "Signature", string> & { "Idempotency-Key"?: string } {
  const digest = contentDigest(input.body);
  const params: SignatureParams = {
    created: Math.floor((input.now ?? new Date()).getTime() / 1000),
    nonce: input.nonce ?? crypto.randomBytes(16).toString("base64url"),
    keyid: input.keyId,
    alg: "hmac-sha256",
  };
  const components = input.idempotencyKey === undefined ? REQUIRED_COMPONENTS : [...REQUIRED_COMPONENTS, IDEMPOTENCY_KEY_COMPONENT];
  const serializedParams = serializeParams(components, params);
  const base = signatureBase(
    { method: input.method, targetUri: input.targetUri, contentDigest: digest, idempotencyKey: input.idempotencyKey },
    { components, serializedParams },
  );
  const mac = crypto.createHmac("sha256", input.secret).update(base).digest("base64");
  return {
    "Content-Digest": digest,
    "Signature-Input": `${SIGNATURE_LABEL}=${serializedParams}`,
    Signature: `${SIGNATURE_LABEL}=:${mac}:`,
    ...(input.idempotencyKey === undefined ? {} : { "Idempotency-Key": input.idempotencyKey }),
  };
}

export type ParsedSignature = {
  components: string[];
  params: SignatureParams;
  serializedParams: string;
  signature: Buffer;
};

/**
 * Parses the `sig1` member of Signature-Input and Signature. Strict on purpose: only the structured-field
 * shapes our clients produce (an inner list of quoted component names, then created/keyid/nonce/alg).
 */
export function parseSignatureHeaders(signatureInput: string | null, signature: string | null): ParsedSignature {
  if (!signatureInput || !signature) throw new SignatureFormatError("Signature-Input and Signature headers are required");
  if (signatureInput.length > SIGNATURE_LIMITS.headerChars || signature.length > SIGNATURE_LIMITS.headerChars) {
    throw new SignatureTooLongError(`Signature-Input and Signature may have at most ${SIGNATURE_LIMITS.headerChars} characters each`);
  }
  const input = memberOf(signatureInput, SIGNATURE_LABEL);
  const sig = memberOf(signature, SIGNATURE_LABEL);
  if (!input || !sig) throw new SignatureFormatError(`no "${SIGNATURE_LABEL}" signature`);
  const m = /^\(([^)]*)\)((?:;[a-z]+=(?:"[^"]*"|\d+))*)$/.exec(input);
  if (!m) throw new SignatureFormatError("malformed Signature-Input");
  const components = m[1].trim() === "" ? [] : m[1].trim().split(/\s+/).map((c) => {
    const q = /^"([^"]+)"$/.exec(c);
    if (!q) throw new SignatureFormatError("malformed component list");
    return q[1];
  });
  const raw: Record<string, string> = {};
  for (const p of m[2].split(";").filter(Boolean)) {
    const [k, v] = [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)];
    raw[k] = v.startsWith('"') ? v.slice(1, -1) : v;
  }
  if (!raw.created || !/^\d+$/.test(raw.created) || !raw.nonce || !raw.keyid || !raw.alg) {
    throw new SignatureFormatError("created, nonce, keyid and alg are required signature parameters");
  }
  for (const [name, max] of [["keyid", SIGNATURE_LIMITS.keyidChars], ["nonce", SIGNATURE_LIMITS.nonceChars], ["alg", SIGNATURE_LIMITS.algChars]] as const) {
    if (raw[name].length > max) throw new SignatureTooLongError(`${name} may have at most ${max} characters`);
  }
  const sm = /^:([A-Za-z0-9+/=]+):$/.exec(sig);
  if (!sm) throw new SignatureFormatError("malformed Signature");
  if (sm[1].length > SIGNATURE_LIMITS.signatureChars) throw new SignatureTooLongError(`the signature value may have at most ${SIGNATURE_LIMITS.signatureChars} characters`);
  return {
    components,
    params: { created: Number(raw.created), nonce: raw.nonce, keyid: raw.keyid, alg: raw.alg },
    serializedParams: input,
    signature: Buffer.from(sm[1], "base64"),
  };
}

function memberOf(dictionary: string, label: string): string | null {
  // Dictionary members are separated by commas outside quotes and parentheses.
  let depth = 0;
  let quoted = false;
  let start = 0;
  const members: string[] = [];
  for (let i = 0; i < dictionary.length; i++) {
    const ch = dictionary[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      members.push(dictionary.slice(start, i));
      start = i + 1;
    }
  }
  members.push(dictionary.slice(start));
  for (const mbr of members.map((s) => s.trim())) {
    const eq = mbr.indexOf("=");
    if (eq > 0 && mbr.slice(0, eq) === label) return mbr.slice(eq + 1);
  }
  return null;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; code: "signature_invalid" | "signature_expired" | "signature_components_missing" | "signature_algorithm_unsupported" };

/**
 * Checks components, algorithm, the time window and the MAC (constant-time). The nonce is checked by the caller.
 * A request carrying an Idempotency-Key must cover it ("idempotency-key"), else signature_components_missing.
 */
export function verifySignature(
  parsed: ParsedSignature,
  req: SignedRequest,
  secrets: string[],
  now: Date = new Date(),
): SignatureCheck {
  if (parsed.params.alg !== "hmac-sha256") return { ok: false, code: "signature_algorithm_unsupported" };
  if (!REQUIRED_COMPONENTS.every((c) => parsed.components.includes(c))) return { ok: false, code: "signature_components_missing" };
  if (req.idempotencyKey != null && !parsed.components.includes(IDEMPOTENCY_KEY_COMPONENT)) return { ok: false, code: "signature_components_missing" };
  const skew = Math.abs(now.getTime() / 1000 - parsed.params.created);
  if (skew > SIGNATURE_WINDOW_SECONDS) return { ok: false, code: "signature_expired" };
  let base: string;
  try {
    base = signatureBase(req, { components: parsed.components, serializedParams: parsed.serializedParams });
  } catch (e) {
    // A covered component this server does not produce (e.g. "content-type") cannot verify.
    if (e instanceof SignatureFormatError) return { ok: false, code: "signature_invalid" };
    throw e;
  }
  for (const secret of secrets) {
    const mac = crypto.createHmac("sha256", secret).update(base).digest();
    if (mac.length === parsed.signature.length && crypto.timingSafeEqual(mac, parsed.signature)) return { ok: true };
  }
  return { ok: false, code: "signature_invalid" };
}
