import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors";
import { boundedBodyChunks, refuseDeclaredOversize } from "./read-request-body";

/** A request body spooled to a private temporary file (the import reads it as a stream). */
export type ReceivedUpload = {
  path: string;
  bytes: number;
  /** SHA-256 of the body, base64 (the form Content-Digest uses). */
  sha256Base64: string;
  cleanup(): Promise<void>;
};

/**
 * Streams a request body to a temporary file (mode 0600, in its own 0700 directory), counting and hashing
 * as it goes, and refuses it as soon as it passes `maxBytes` (read-request-body.ts) — memory stays flat
 * whatever the file size.
 * The caller must call cleanup() (the file holds personal data).
 */
export async function receiveUpload(req: Request, opts: { maxBytes: number }): Promise<ReceivedUpload> {
  refuseDeclaredOversize(req, opts.maxBytes);
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
    await pipeline(Readable.from(boundedBodyChunks(req, opts.maxBytes), { objectMode: false }), meter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await cleanup();
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", "the request body could not be read", { cause: e });
  }
  return { path: file, bytes, sha256Base64: hash.digest("base64"), cleanup };
}
