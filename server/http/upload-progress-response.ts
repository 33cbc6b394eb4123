import "server-only";
import { AppError, toProblem } from "../errors";
import { logger } from "../logger";
import type { ReceivedUpload } from "./read-request-body";

export type UploadProgress = { phase: string; rowsRead: number; bytesRead: number };

/**
 * The answer to a staff file upload (app/(portal)/imports/upload): a stream of JSON lines —
 * `{"type":"progress",…}` while the spooled file is processed, then `{"type":"result","job":…}` or
 * `{"type":"error","problem":…}` — so the page can show a progress bar for a long import. Errors before the
 * stream starts (no session, wrong role, too large) are problem+json from withStaffRoute. The file is removed
 * when `run` ends.
 */
export function uploadProgressResponse(file: ReceivedUpload, instance: string, run: (onProgress: (p: UploadProgress) => void) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      // A closed tab cancels the stream, not the import: it runs to its end and is listed with its job.
      let open = true;
      const send = (obj: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(obj)}\n`));
        } catch {
          open = false;
        }
      };
      let last = 0;
      const onProgress = (p: UploadProgress) => {
        const now = Date.now();
        if (now - last < 250 && p.phase === "reading") return;
        last = now;
        send({ type: "progress", ...p, totalBytes: file.bytes });
      };
      try {
        send({ type: "progress", phase: "received", rowsRead: 0, bytesRead: 0, totalBytes: file.bytes });
        const job = await run(onProgress);
        send({ type: "result", job });
      } catch (e) {
        if (!(e instanceof AppError)) logger.error({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e), instance }, "portal import failed");
        send({ type: "error", problem: toProblem(e, instance) });
      } finally {
        await file.cleanup();
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      }
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}
