import "server-only";
import type { ErrorCodeWithStatus } from "@/lib/error-codes";
import type { RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withSystemScope } from "../db/tenant";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { parseSignatureHeaders, SignatureFormatError, SignatureTooLongError, verifySignature } from "../kiosk-protocol/http-signatures";
import { findApiClientByKeyId, peekApiClient } from "./api-client-cache";
import { authFailureLimited, authFailureWait, recordAuthFailure, requestSource } from "./source-failure-limit";

const unauthorized = (code: ErrorCodeWithStatus<401>, message: string) => new AppError(code, message);

/**
 * The kiosk API's request signing (RFC 9421, hmac-sha256 over method, target URI and Content-Digest) for
 * bodies too large to hold in memory: the signature covers the Content-Digest HEADER, so it is verified
 * before the body is read, and the caller checks the streamed body against that header afterwards
 * (contentDigestMatches). The nonce is recorded here, before any processing, as authenticateKioskRequest does.
 *
 * The client row comes from a short-lived in-memory cache (api-client-cache.ts), and every failure is
 * counted per source address (source-failure-limit.ts): a source over its limit gets 429 before any database
 * work unless its key id is a client the cache knows.
 */
export async function authenticateUploadRequest(req: { method: string; targetUri: string; headers: Headers }, now = new Date()): Promise<RequestContext> {
  const source = requestSource(req.headers);
  const failed = (e: AppError) => {
    recordAuthFailure(source);
    return e;
  };
  let parsed;
  try {
    parsed = parseSignatureHeaders(req.headers.get("signature-input"), req.headers.get("signature"));
  } catch (e) {
    // Too long is a client bug to fix, not a credential to retry with: 400, before any lookup or nonce write.
    if (e instanceof SignatureTooLongError) throw failed(new AppError("signature_parameter_too_long", e.message));
    if (e instanceof SignatureFormatError) throw failed(unauthorized("signature_missing", e.message));
    throw e;
  }
  const contentDigest = req.headers.get("content-digest");
  if (!contentDigest || !/(^|,)\s*sha-256=:[A-Za-z0-9+/]{43}=:/.test(contentDigest)) {
    throw failed(new AppError("content_digest_mismatch", "a Content-Digest header with a sha-256 member is required"));
  }
  const cached = peekApiClient(parsed.params.keyid);
  const knownClient = cached.hit ? cached.client !== null : cached.knownClient;
  if (!knownClient) {
    const wait = authFailureWait(source);
    if (wait) throw authFailureLimited(wait);
  }
  const client = cached.hit ? cached.client : await findApiClientByKeyId(parsed.params.keyid);
  if (!client) throw failed(unauthorized("unknown_client", "no API client with this key id"));
  if (client.status !== "active") throw failed(unauthorized("client_revoked", "this API client has been revoked"));

  const secrets = [decryptField(client.secretCipher, FieldContext.apiClientSecret)];
  if (client.previousSecretCipher && client.previousValidUntil && client.previousValidUntil > now) {
    secrets.push(decryptField(client.previousSecretCipher, FieldContext.apiClientSecret));
  }
  // A request that carries an Idempotency-Key must have it covered by the signature (http-signatures.ts).
  const check = verifySignature(parsed, { method: req.method, targetUri: req.targetUri, contentDigest, idempotencyKey: req.headers.get("idempotency-key") }, secrets, now);
  if (!check.ok) {
    // The target URI is the usual culprit behind a proxy: say which one was verified, and how to change it.
    const message = check.code === "signature_invalid"
      ? `the request signature was not accepted; "@target-uri" was verified as ${req.targetUri}${getEnv().KIOSK_PUBLIC_ORIGIN ? "" : " (behind a reverse proxy, set KIOSK_PUBLIC_ORIGIN to the public origin)"}`
      : "the request signature was not accepted";
    throw failed(unauthorized(check.code, message));
  }

  // One transaction for the nonce and the client's last use. Expired nonces are pruned by the maintenance pass
  // (server/maintenance), not here; lastUsedAt is written at most once a minute, so concurrent requests of one
  // centre do not queue on its row.
  const inserted = await withSystemScope("api-authentication", async (tx) => {
    const n = await tx.$executeRaw`
      INSERT INTO "ApiNonce" ("apiClientId", nonce, "createdAt") VALUES (${client.id}::uuid, ${parsed.params.nonce}, ${now})
      ON CONFLICT DO NOTHING`;
    if (n > 0) {
      await tx.apiClient.updateMany({
        where: { id: client.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
        data: { lastUsedAt: now },
      });
    }
    return n;
  });
  if (inserted === 0) throw failed(unauthorized("signature_replayed", "this signature nonce was already used"));
  return {
    actor: { type: "api_client", id: client.id, municipalityId: client.municipalityId, scopes: client.scopes },
    municipalityId: client.municipalityId,
    requestId: crypto.randomUUID(),
  };
}

/** True when the Content-Digest header has a sha-256 member equal to the received body's digest. */
export function contentDigestMatches(header: string | null, sha256Base64: string): boolean {
  if (!header) return false;
  const expected = `sha-256=:${sha256Base64}:`;
  return header.split(",").some((member) => member.trim() === expected);
}
