import "server-only";
import { AppError } from "../errors";

/** Reads a request body up to `maxBytes`; one byte more aborts the read with 413 (the body is never fully buffered). */
export async function readRequestBody(req: Request, maxBytes: number, tooLargeCode = "payload_too_large"): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError(tooLargeCode, "the body exceeds the limit", { status: 413 });
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError(tooLargeCode, "the body exceeds the limit", { status: 413 });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
