import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { Piscina } from "piscina";
import { samplePersonalSeal } from "../certificates/sample-rows";
import { refusalError } from "../eligibility/refusal";
import { getEnv } from "../env";
import { issuanceTimeout } from "../issuance/issuance-timeout";
import { UnprintableReportError } from "../reports/report-errors";
import type { IncidentReportData } from "../incidents/incident-report-data";
import type { ReportData } from "../reports/report-data";
import type { CertificateDocument } from "./document-model";
import type { ReportWorkerResult, WorkerResult } from "./render-worker";

// Rendering (react-pdf ≈ 70 ms a page) and the read-back (pdf.js) run in worker threads so the event loop
// keeps serving other requests; so do the monthly reports (≈ 0.2 s of CPU each), which the scheduled job
// would otherwise draw on the server's main thread. One pool per process; PDF_WORKERS threads (default: cores, at most 4).
const globalForPool = globalThis as unknown as { __pdfPool?: Piscina };

function pool(): Piscina {
  if (!globalForPool.__pdfPool) {
    const filename = getEnv().PDF_WORKER_PATH ?? workerEntry();
    const threads = getEnv().PDF_WORKERS;
    // Every thread stays warm: a cold one takes ≈ 1 s (fonts, react-pdf) on the first request after a quiet spell.
    globalForPool.__pdfPool = new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }
  return globalForPool.__pdfPool;
}

/**
 * The production server's threads load the bundle `npm run build` made (scripts/build-pdf-worker.ts): plain
 * JavaScript, no TypeScript loader thread per worker. Anywhere else (tests, `next dev`, a tree built before the
 * bundle existed) they compile the sources with tsx (worker-boot.mjs), so they never run stale code.
 */
function workerEntry(): string {
  const bundle = path.join(process.cwd(), ".next", "pdf-worker", "render-worker.mjs");
  if (getEnv().NODE_ENV === "production" && existsSync(bundle)) return bundle;
  return path.join(process.cwd(), "server", "pdf", "worker-boot.mjs");
}

export type RenderOutcome = Extract<WorkerResult, { ok: true }>;

/** Renders in a worker; aborting the signal (deadline) cancels the task and no bytes are returned. */
export async function renderInWorker(doc: CertificateDocument, signal?: AbortSignal): Promise<RenderOutcome> {
  let result: WorkerResult;
  try {
    result = await pool().run(doc, { signal });
  } catch (e) {
    if (signal?.aborted) throw issuanceTimeout("rendering did not finish before the deadline", e);
    throw e;
  }
  if (!result.ok) {
    // No 公印 image: the same generic answer eligibility gives (it refuses first; this is the last line).
    if (result.error === "official_seal_missing") throw refusalError("municipality_not_active");
    throw refusalError("character_not_printable");
  }
  return result;
}

/** A monthly report's PDF, rendered in a worker (server/reports/report-pdf.tsx). */
export async function renderReportInWorker(data: ReportData): Promise<Uint8Array> {
  const result: ReportWorkerResult = await pool().run(data, { name: "renderReport" });
  if (!result.ok) throw new UnprintableReportError(result.characters);
  return result.pdf;
}

/** An incident report's PDF, rendered in a worker (server/incidents/incident-report-pdf.tsx). */
export async function renderIncidentReportInWorker(data: IncidentReportData): Promise<Uint8Array> {
  return pool().run(data, { name: "renderIncidentReport" });
}

/**
 * Starts the worker threads, which load their modules (react-pdf, the templates) in the background; nothing
 * is rendered. For a batch of reports that starts a while later (the demo seed's history), where the full
 * warm-up below would also draw and read back a certificate in every thread.
 */
export function startRenderPool(): void {
  pool();
}

/**
 * Starts the worker threads and lets each load react-pdf, the fonts and pdf.js before the first resident
 * waits for it (the first render in a fresh thread takes seconds; later ones ≈ 70 ms a page).
 */
export async function warmUpRenderPool(): Promise<void> {
  const p = pool();
  const warm: CertificateDocument = {
    title: "ウォームアップ",
    issuanceId: "warm-up",
    issuanceNo: "000000-0000-00000000",
    verification: { code: "0000-0000-0000", url: "http://localhost/verify?no=000000-0000-00000000&code=0000-0000-0000" },
    subjectDigest: "0",
    issuedOn: "令和8年1月1日",
    certificationText: "ウォームアップ",
    // A real image: the warm-up also loads the PNG path, and a certificate is never drawn without its 公印.
    municipality: { name: "ウォームアップ", mayorTitle: "市長", mayorName: "見本", sealImage: samplePersonalSeal() },
    body: { kind: "residence", address: "見本", householdHead: null, persons: [{ name: "見本 太郎", fields: [] }] },
  };
  await Promise.all(Array.from({ length: p.options.maxThreads }, () => p.run(warm)));
}

/** Threads, busy threads and queued tasks of the pool, for the metrics; null while it has not been started. */
export function renderPoolStats(): { threads: number; busy: number; queued: number } | null {
  const p = globalForPool.__pdfPool;
  if (!p) return null;
  const threads = p.threads.length;
  // A thread that is still starting is not idle yet: it counts as busy.
  return { threads, busy: Math.max(0, threads - p.idleThreads), queued: p.queueSize };
}

export async function closeRenderPool(): Promise<void> {
  await globalForPool.__pdfPool?.destroy();
  delete globalForPool.__pdfPool;
}
