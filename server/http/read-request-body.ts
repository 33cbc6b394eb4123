import "server-only";
import type { ErrorCodeWithStatus } from "@/lib/error-codes";
import { AppError } from "../errors";

// The one bounded reader of request bodies: every route that reads a body goes through here (in memory:
// readRequestBody; spooled to a file: receiveUpload, which pulls boundedBodyChunks). A body is refused by its
// declared Content-Length before a byte is read, and again while streaming (a chunked body has no length),
// as soon as one byte more than the limit has arrived; the rest is never pulled.

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The 413 codes: `payload_too_large`, or a route's own (the 公印 upload's `seal_too_large`). */
type TooLarge = ErrorCodeWithStatus<413>;

/** 413 with the limit in `details.maxBytes`. */
export function payloadTooLarge(maxBytes: number, code: TooLarge = "payload_too_large"): AppError {
  return new AppError(code, `the request body is larger than ${sizeText(maxBytes)}`, { details: { maxBytes } });
}

/**
 * Refuses a body whose declared Content-Length is over the limit: cheap, so callers run it before any
 * authentication or database work. A missing length passes (the streamed count still applies).
 */
export function refuseDeclaredOversize(req: Request, maxBytes: number, code: TooLarge = "payload_too_large"): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes, code);
}

/** The body's chunks, at most `maxBytes` in all: one byte more cancels the stream and throws 413. */
export async function* boundedBodyChunks(req: Request, maxBytes: number, code: TooLarge = "payload_too_large"): AsyncGenerator<Uint8Array> {
  refuseDeclaredOversize(req, maxBytes, code);
  if (!req.body) return;
  const reader = req.body.getReader();
  let total = 0;
  let done = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (e) {
        throw new AppError("bad_request", "the request body could not be read", { cause: e });
      }
      if (next.done) {
        done = true;
        return;
      }
      total += next.value.byteLength;
      if (total > maxBytes) throw payloadTooLarge(maxBytes, code);
      yield next.value;
    }
  } finally {
    // Refused, or the consumer stopped early: tell the sender's stream to stop instead of draining it.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/** Reads a request body of at most `maxBytes` into memory (never more than the limit plus one chunk). */
export async function readRequestBody(req: Request, maxBytes: number, code: TooLarge = "payload_too_large"): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of boundedBodyChunks(req, maxBytes, code)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
