import "server-only";
import { MAX_IMPORT_BYTES } from "@/lib/import-feeds";
import { getStaffSession, type StaffSession } from "../auth/require-staff";
import { AppError, toProblem } from "../errors";
import { logger } from "../logger";
import { problemResponse } from "./problem-response";
import { refuseDeclaredOversize } from "./read-request-body";
import { receiveUpload, type ReceivedUpload } from "./receive-upload";

export type UploadProgress = { phase: string; rowsRead: number; bytesRead: number };

type Run = (args: { staff: StaffSession; file: ReceivedUpload; query: URLSearchParams; onProgress: (p: UploadProgress) => void }) => Promise<unknown>;

/** The header the portal's upload script sets: a cross-site form cannot send it without a CORS preflight. */
export const UPLOAD_HEADER = "x-konbini-upload";

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") !== "cross-site";
  const allowed = new Set([new URL(req.url).origin]);
  if (process.env.NEXTAUTH_URL) allowed.add(new URL(process.env.NEXTAUTH_URL).origin);
  return allowed.has(origin);
}

/**
 * A staff file upload from the portal (raw body, up to 200 MB, spooled to a temporary file): the session is
 * re-read from the database, the request must come from the portal itself, and the answer is a stream of
 * JSON lines — `{"type":"progress",…}` while the file is processed, then `{"type":"result","job":…}` or
 * `{"type":"error","problem":…}` — so the page can show a progress bar for a long import. Errors before the
 * stream starts (no session, wrong role, too large) are problem+json with their status.
 */
export function withStaffUpload(run: Run) {
  return async (req: Request): Promise<Response> => {
    const instance = new URL(req.url).pathname;
    let file: ReceivedUpload | null = null;
    let staff: StaffSession | null = null;
    try {
      refuseDeclaredOversize(req, MAX_IMPORT_BYTES);
      staff = await getStaffSession();
      if (!staff) throw new AppError("unauthenticated", "sign in first");
      if (staff.role !== "municipal_admin" && staff.role !== "operator") throw new AppError("forbidden", "this role may not import data");
      if (req.headers.get(UPLOAD_HEADER) !== "1" || !sameOrigin(req)) throw new AppError("forbidden", "uploads are accepted from the portal only");
      file = await receiveUpload(req, { maxBytes: MAX_IMPORT_BYTES });
    } catch (e) {
      await file?.cleanup();
      return problemResponse(e, instance);
    }
    const received = file;
    const signedIn = staff;
    const query = new URL(req.url).searchParams;
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
          send({ type: "progress", ...p, totalBytes: received.bytes });
        };
        try {
          send({ type: "progress", phase: "received", rowsRead: 0, bytesRead: 0, totalBytes: received.bytes });
          const job = await run({ staff: signedIn, file: received, query, onProgress });
          send({ type: "result", job });
        } catch (e) {
          if (!(e instanceof AppError)) logger.error({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e), instance }, "portal import failed");
          send({ type: "error", problem: toProblem(e, instance) });
        } finally {
          await received.cleanup();
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
        }
      },
    });
    return new Response(body, { status: 200, headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
  };
}
