import "server-only";
import { contentDisposition } from "./content-disposition";

/** A file for download: whole bytes, or chunks produced while the response is sent (a long CSV read page by page). */
export type DownloadFile = {
  body: Uint8Array | AsyncIterable<Uint8Array>;
  /** ASCII fallback name, and the Japanese one (RFC 6266 / 5987). */
  asciiName: string;
  fileName: string;
  contentType: string;
};

/** The attachment response of a portal download: never cached, streamed when the body is a sequence of chunks. */
export function downloadResponse(file: DownloadFile): Response {
  const body = file.body instanceof Uint8Array ? new Uint8Array(file.body) : pullStream(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition("attachment", file.asciiName, file.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The content type and file names of a CSV in one of the two encodings. */
export function csvFileNames(asciiBase: string, japaneseBase: string, encoding: "utf8" | "sjis"): Omit<DownloadFile, "body"> {
  return encoding === "utf8"
    ? { asciiName: `${asciiBase}-utf8.csv`, fileName: `${japaneseBase}.csv`, contentType: "text/csv; charset=utf-8" }
    : { asciiName: `${asciiBase}-sjis.csv`, fileName: `${japaneseBase}_SJIS.csv`, contentType: "text/csv; charset=shift_jis" };
}

/** Chunks read one at a time as the client takes them (backpressure); a client that goes away stops the reading. */
function pullStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
