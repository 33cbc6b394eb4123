import "server-only";
import type { RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { getDb } from "../db";
import { AppError } from "../errors";
import { parseSignatureHeaders, SignatureFormatError, SIGNATURE_WINDOW_SECONDS, verifyContentDigest, verifySignature } from "../kiosk-protocol/http-signatures";

const unauthorized = (code: string, message: string) => new AppError(code, message, { status: 401 });

/**
 * Authenticates a kiosk API request signed per RFC 9421 (hmac-sha256 over method, target URI and
 * Content-Digest, with created and nonce). A nonce is accepted once per client: it is recorded before the
 * request is processed, so even a request that fails cannot be replayed.
 */
export async function authenticateKioskRequest(req: { method: string; targetUri: string; headers: Headers; body: Uint8Array }, now = new Date()): Promise<RequestContext> {
  let parsed;
  try {
    parsed = parseSignatureHeaders(req.headers.get("signature-input"), req.headers.get("signature"));
  } catch (e) {
    if (e instanceof SignatureFormatError) throw unauthorized("signature_missing", e.message);
    throw e;
  }
  const contentDigestHeader = req.headers.get("content-digest");
  if (!verifyContentDigest(contentDigestHeader, req.body)) {
    throw new AppError("content_digest_mismatch", "Content-Digest is missing or does not match the body", { status: 400 });
  }
  const db = getDb();
  const client = await db.apiClient.findUnique({ where: { keyId: parsed.params.keyid } });
  if (!client) throw unauthorized("unknown_client", "no API client with this key id");
  if (client.status !== "active") throw unauthorized("client_revoked", "this API client has been revoked");

  const secrets = [decryptField(client.secretCipher, FieldContext.apiClientSecret)];
  if (client.previousSecretCipher && client.previousValidUntil && client.previousValidUntil > now) {
    secrets.push(decryptField(client.previousSecretCipher, FieldContext.apiClientSecret));
  }
  const check = verifySignature(parsed, { method: req.method, targetUri: req.targetUri, contentDigest: contentDigestHeader! }, secrets, now);
  if (!check.ok) throw unauthorized(check.code, "the request signature was not accepted");

  const inserted = await db.$executeRaw`
    INSERT INTO "ApiNonce" ("apiClientId", nonce, "createdAt") VALUES (${client.id}::uuid, ${parsed.params.nonce}, ${now})
    ON CONFLICT DO NOTHING`;
  if (inserted === 0) throw unauthorized("signature_replayed", "this signature nonce was already used");
  // Nonces older than twice the window can never be valid again; prune them now and then.
  if (Math.random() < 0.01) {
    await db.apiNonce.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000) } } });
  }
  await db.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  return {
    actor: { type: "api_client", id: client.id, municipalityId: client.municipalityId },
    municipalityId: client.municipalityId,
    requestId: crypto.randomUUID(),
  };
}
