import "server-only";
import { MAX_IMPORT_BYTES } from "@/lib/import-feeds";
import { authenticateUploadRequest, contentDigestMatches } from "../api-clients/authenticate-upload-request";
import { requireScope, type RequestContext } from "../context";
import type { ApiClientScope } from "../generated/prisma/enums";
import { AppError } from "../errors";
import { problemResponse } from "./problem-response";
import { receiveUpload, refuseDeclaredOversize, type ReceivedUpload } from "./read-request-body";
import { targetUriOf } from "./with-kiosk-client";

type Handler<P> = (args: { ctx: RequestContext; file: ReceivedUpload; req: Request; params: P }) => Promise<Response>;

/**
 * withKioskClient for raw file bodies (the import API): the same RFC 9421 signature and ApiClient table,
 * but the signature is checked before the body is read, the body (up to 200 MB) is streamed to a temporary
 * file instead of memory, and its digest must equal the signed Content-Digest. Errors leave as problem+json;
 * the temporary file is removed whatever happens. The client must hold the route's `scope` (403
 * scope_not_granted), checked before a byte of the body is read.
 */
export function withSignedUpload<P = Record<string, never>>(scope: ApiClientScope, handler: Handler<P>) {
  return async (req: Request, route?: { params: Promise<P> }): Promise<Response> => {
    const instance = new URL(req.url).pathname;
    let file: ReceivedUpload | null = null;
    try {
      // A declared oversize body is refused before the signature check's database work.
      refuseDeclaredOversize(req, { maxBytes: MAX_IMPORT_BYTES });
      const ctx = await authenticateUploadRequest({ method: req.method, targetUri: targetUriOf(req), headers: req.headers });
      requireScope(ctx, scope);
      file = await receiveUpload(req, { maxBytes: MAX_IMPORT_BYTES });
      if (!contentDigestMatches(req.headers.get("content-digest"), file.sha256Base64)) {
        throw new AppError("content_digest_mismatch", "Content-Digest does not match the body");
      }
      const params = route ? await route.params : ({} as P);
      return await handler({ ctx, file, req, params });
    } catch (e) {
      return problemResponse(e, instance);
    } finally {
      await file?.cleanup();
    }
  };
}
