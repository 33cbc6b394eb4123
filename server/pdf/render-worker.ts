// Piscina worker entry (loaded through worker-boot.mjs): renders a certificate (the default export) or a
// monthly report (`renderReport`, by name) off the main thread.
import { UnprintableReportError } from "../reports/report-errors";
import { renderIncidentReportPdf } from "../incidents/incident-report-pdf";
import type { IncidentReportData } from "../incidents/incident-report-data";
import { renderMonthlyReportPdf } from "../reports/report-pdf";
import type { ReportData } from "../reports/report-data";
import type { CertificateDocument } from "./document-model";
import { MissingOfficialSealError, renderCertificate, UnprintableCharactersError } from "./render-certificate";
import { namePdfThread } from "./thread-name";

namePdfThread();

export type WorkerResult =
  | { ok: true; pdf: Uint8Array; pageCount: number; pageTexts: string[]; keywords: string; renderMs: number }
  | { ok: false; error: "unprintable_characters"; count: number }
  | { ok: false; error: "official_seal_missing" };

export default async function render(doc: CertificateDocument): Promise<WorkerResult> {
  const started = performance.now();
  try {
    const r = await renderCertificate(doc);
    return { ok: true, ...r, renderMs: Math.round(performance.now() - started) };
  } catch (e) {
    // The characters themselves are personal data: only their count leaves the worker.
    if (e instanceof UnprintableCharactersError) return { ok: false, error: "unprintable_characters", count: e.characters.length };
    if (e instanceof MissingOfficialSealError) return { ok: false, error: "official_seal_missing" };
    throw e;
  }
}

export type ReportWorkerResult = { ok: true; pdf: Uint8Array } | { ok: false; error: "unprintable_characters"; characters: string[] };

/** A monthly report's PDF. Its unprintable characters come from configuration (names), not personal data. */
export async function renderReport(data: ReportData): Promise<ReportWorkerResult> {
  try {
    return { ok: true, pdf: await renderMonthlyReportPdf(data) };
  } catch (e) {
    if (e instanceof UnprintableReportError) return { ok: false, error: "unprintable_characters", characters: e.characters };
    throw e;
  }
}

/** An incident report's PDF (server/incidents/incident-report-pdf.tsx); its unprintable characters are replaced, never refused. */
export async function renderIncidentReport(data: IncidentReportData): Promise<Uint8Array> {
  return renderIncidentReportPdf(data);
}
