import "server-only";
import type { RequestContext } from "../context";
import { AppError } from "../errors";
import { verifyContentDigest } from "../kiosk-protocol/http-signatures";
import { authenticateUploadRequest } from "./authenticate-upload-request";

/**
 * Authenticates a kiosk API request signed per RFC 9421 (hmac-sha256 over method, target URI and
 * Content-Digest, with created and nonce). A nonce is accepted once per client: it is recorded before the
 * request is processed, so even a request that fails cannot be replayed. The signature covers the
 * Content-Digest header (authenticateUploadRequest, shared with streamed uploads); the body must match it.
 */
export async function authenticateKioskRequest(req: { method: string; targetUri: string; headers: Headers; body: Uint8Array }, now = new Date()): Promise<RequestContext> {
  const ctx = await authenticateUploadRequest(req, now);
  if (!verifyContentDigest(req.headers.get("content-digest"), req.body)) {
    throw new AppError("content_digest_mismatch", "Content-Digest is missing or does not match the body");
  }
  return ctx;
}
