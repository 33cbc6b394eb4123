import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ErrorCodeWithStatus } from "@/lib/error-codes";
import { AppError } from "../errors";

// The one bounded reader of request bodies: every route that reads a body goes through boundedBodyChunks, with
// one of two sinks — memory (readRequestBody: the kiosk API's JSON, the 公印 image) or a spool file
// (receiveUpload: import files). A body is refused by its declared Content-Length before a byte is read, and
// again while streaming (a chunked body has no length), as soon as one byte more than the limit has arrived;
// the rest is never pulled.

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The 413 codes: `payload_too_large`, or a route's own (the 公印 upload's `seal_too_large`). */
type TooLarge = ErrorCodeWithStatus<413>;

/** The limit and the code of its 413 (`payload_too_large` unless the route has its own, e.g. `seal_too_large`). */
export type BodyLimit = { maxBytes: number; code?: TooLarge };

/** 413 with the limit in `details.maxBytes`. */
export function payloadTooLarge({ maxBytes, code = "payload_too_large" }: BodyLimit): AppError {
  return new AppError(code, `the request body is larger than ${sizeText(maxBytes)}`, { details: { maxBytes } });
}

/** 400: the sender's stream broke off (or the spool file could not be written). */
function unreadableBody(cause: unknown): AppError {
  return new AppError("bad_request", "the request body could not be read", { cause });
}

/**
 * Refuses a body whose declared Content-Length is over the limit: cheap, so callers run it before any
 * authentication or database work. A missing length passes (the streamed count still applies).
 */
export function refuseDeclaredOversize(req: Request, limit: BodyLimit): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit.maxBytes) throw payloadTooLarge(limit);
}

/** The body's chunks, at most `maxBytes` in all: one byte more cancels the stream and throws 413. */
export async function* boundedBodyChunks(req: Request, limit: BodyLimit): AsyncGenerator<Uint8Array> {
  refuseDeclaredOversize(req, limit);
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
        throw unreadableBody(e);
      }
      if (next.done) {
        done = true;
        return;
      }
      total += next.value.byteLength;
      if (total > limit.maxBytes) throw payloadTooLarge(limit);
      yield next.value;
    }
  } finally {
    // Refused, or the consumer stopped early: tell the sender's stream to stop instead of draining it.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/** Memory sink: reads a request body of at most `maxBytes` (never more than the limit plus one chunk). */
export async function readRequestBody(req: Request, limit: BodyLimit): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of boundedBodyChunks(req, limit)) {
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

/** A request body spooled to a private temporary file (the import reads it as a stream). */
export type ReceivedUpload = {
  path: string;
  bytes: number;
  /** SHA-256 of the body, base64 (the form Content-Digest uses). */
  sha256Base64: string;
  cleanup(): Promise<void>;
};

/**
 * File sink: streams a request body to a temporary file (mode 0600, in its own 0700 directory), counting and
 * hashing as it goes, refused as soon as it passes `maxBytes` — memory stays flat whatever the file size.
 * The caller must call cleanup() (the file holds personal data).
 */
export async function receiveUpload(req: Request, limit: BodyLimit): Promise<ReceivedUpload> {
  refuseDeclaredOversize(req, limit);
  // The owner's pid in the name: if this process is killed before cleanup(), maintenance removes the
  // directory once the pid is gone (server/maintenance/remove-orphan-upload-dirs.ts).
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `konbini-upload-${process.pid}-`));
  const file = path.join(dir, "body");
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(boundedBodyChunks(req, limit), { objectMode: false }), meter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await cleanup();
    throw e instanceof AppError ? e : unreadableBody(e);
  }
  return { path: file, bytes, sha256Base64: hash.digest("base64"), cleanup };
}
