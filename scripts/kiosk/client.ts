// A kiosk API client as the issuance centre would write it: signs every request (RFC 9421 hmac-sha256,
// Content-Digest RFC 9530) with its API client key. Used by the conformance suite and the load mode.
import crypto from "node:crypto";
import { signRequest } from "../../server/kiosk-protocol/http-signatures";

export type ClientOptions = { baseUrl: string; keyId: string; secret: string; clockOverride?: string };
export type ApiAnswer<T = Record<string, unknown>> = { status: number; body: T; raw: string; headers: Headers; ms: number };

export class KioskClient {
  constructor(readonly opts: ClientOptions) {}

  url(path: string) {
    return `${this.opts.baseUrl.replace(/\/$/, "")}/api/kiosk/v1${path}`;
  }

  /** A signed POST. `tamper` lets the conformance suite break one thing on purpose. */
  async post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    extra: {
      idempotencyKey?: string;
      clockOverride?: string | null;
      tamper?: {
        secret?: string;
        created?: Date;
        nonce?: string;
        keyId?: string;
        bodyAfterSigning?: string;
        unsigned?: boolean;
        rawBody?: string;
        /** Send the Idempotency-Key without covering it in the signature. */
        idempotencyKeyUnsigned?: boolean;
        /** Sign `idempotencyKey`, then send this key instead. */
        idempotencyKeyAfterSigning?: string;
      };
    } = {},
  ): Promise<ApiAnswer<T>> {
    const url = this.url(path);
    const raw = extra.tamper?.rawBody ?? JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!extra.tamper?.unsigned) {
      Object.assign(
        headers,
        signRequest({
          method: "POST",
          targetUri: url,
          body: raw,
          keyId: extra.tamper?.keyId ?? this.opts.keyId,
          secret: extra.tamper?.secret ?? this.opts.secret,
          now: extra.tamper?.created,
          nonce: extra.tamper?.nonce,
          // The Idempotency-Key is a covered component whenever it is sent (docs/api.md, "Signing a request").
          idempotencyKey: extra.tamper?.idempotencyKeyUnsigned ? undefined : extra.idempotencyKey,
        }),
      );
    }
    // Sent from here rather than from the signer's headers, so that the tampering cases can send another key
    // than the signed one, or one the signature does not cover.
    delete headers["Idempotency-Key"];
    const sentKey = extra.tamper?.idempotencyKeyAfterSigning ?? extra.idempotencyKey;
    if (sentKey) headers["idempotency-key"] = sentKey;
    const clock = extra.clockOverride === undefined ? this.opts.clockOverride : extra.clockOverride;
    if (clock) headers["x-clock-override"] = clock;
    const started = performance.now();
    const res = await fetch(url, { method: "POST", headers, body: extra.tamper?.bodyAfterSigning ?? raw });
    const text = await res.text();
    const ms = performance.now() - started;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, raw: text, headers: res.headers, ms };
  }

  async get(path: string): Promise<ApiAnswer> {
    const started = performance.now();
    const res = await fetch(this.url(path));
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text), raw: text, headers: res.headers, ms: performance.now() - started };
  }
}

export function baseRequest(serial: string, municipalityCode: string, purpose: "residence" | "honseki" = "residence") {
  return {
    transactionId: crypto.randomUUID(),
    terminal: { storeChain: "kiosk-cli", storeCode: "CLI-0001", terminalId: "K01" },
    card: { issuer: "JPKI", serial },
    municipalityCode,
    purpose,
  };
}
