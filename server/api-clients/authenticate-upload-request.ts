import "server-only";
import type { RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withSystemScope } from "../db/tenant";
import { AppError } from "../errors";
import { parseSignatureHeaders, SignatureFormatError, SIGNATURE_WINDOW_SECONDS, verifySignature } from "../kiosk-protocol/http-signatures";

const unauthorized = (code: string, message: string) => new AppError(code, message, { status: 401 });

/**
 * The kiosk API's request signing (RFC 9421, hmac-sha256 over method, target URI and Content-Digest) for
 * bodies too large to hold in memory: the signature covers the Content-Digest HEADER, so it is verified
 * before the body is read, and the caller checks the streamed body against that header afterwards
 * (contentDigestMatches). The nonce is recorded here, before any processing, as authenticateKioskRequest does.
 */
export async function authenticateUploadRequest(req: { method: string; targetUri: string; headers: Headers }, now = new Date()): Promise<RequestContext> {
  let parsed;
  try {
    parsed = parseSignatureHeaders(req.headers.get("signature-input"), req.headers.get("signature"));
  } catch (e) {
    if (e instanceof SignatureFormatError) throw unauthorized("signature_missing", e.message);
    throw e;
  }
  const contentDigest = req.headers.get("content-digest");
  if (!contentDigest || !/(^|,)\s*sha-256=:[A-Za-z0-9+/]{43}=:/.test(contentDigest)) {
    throw new AppError("content_digest_mismatch", "a Content-Digest header with a sha-256 member is required", { status: 400 });
  }
  // Which client is calling is known only after this lookup: system work, like a staff sign-in.
  const client = await withSystemScope("api-authentication", (tx) => tx.apiClient.findUnique({ where: { keyId: parsed.params.keyid } }));
  if (!client) throw unauthorized("unknown_client", "no API client with this key id");
  if (client.status !== "active") throw unauthorized("client_revoked", "this API client has been revoked");

  const secrets = [decryptField(client.secretCipher, FieldContext.apiClientSecret)];
  if (client.previousSecretCipher && client.previousValidUntil && client.previousValidUntil > now) {
    secrets.push(decryptField(client.previousSecretCipher, FieldContext.apiClientSecret));
  }
  const check = verifySignature(parsed, { method: req.method, targetUri: req.targetUri, contentDigest }, secrets, now);
  if (!check.ok) throw unauthorized(check.code, "the request signature was not accepted");

  const inserted = await withSystemScope("api-authentication", async (tx) => {
    const n = await tx.$executeRaw`
      INSERT INTO "ApiNonce" ("apiClientId", nonce, "createdAt") VALUES (${client.id}::uuid, ${parsed.params.nonce}, ${now})
      ON CONFLICT DO NOTHING`;
    if (n > 0 && Math.random() < 0.01) {
      await tx.apiNonce.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000) } } });
    }
    return n;
  });
  if (inserted === 0) throw unauthorized("signature_replayed", "this signature nonce was already used");
  await withSystemScope("api-authentication", (tx) => tx.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now } })).catch(() => undefined);
  return {
    actor: { type: "api_client", id: client.id, municipalityId: client.municipalityId },
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
