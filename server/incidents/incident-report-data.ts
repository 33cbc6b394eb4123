// The incident report's content, shared by its PDF (in a PDF worker thread) and its CSV. No "server-only":
// the worker threads load the PDF document that reads it.
import type { ExposedItems } from "@/lib/exposed-items";

export type IncidentReportData = {
  municipality: { code: string; name: string } | null;
  incident: {
    id: string;
    kind: string;
    severity: string;
    status: string;
    summary: string;
    openedAt: string;
    acknowledgedAt: string | null;
    closedAt: string | null;
    closeReason: string | null;
  };
  /** Oldest first, from the audit log: JST time, what happened, who (actor type and login id). */
  timeline: Array<{ at: string; event: string; actor: string }>;
  /** By 発行番号; times already in JST text. */
  affected: Array<{
    issuanceNo: string;
    certificateName: string;
    renderedAt: string;
    status: string;
    voided: string;
    copies: number;
    exposed: ExposedItems;
  }>;
  /** JST text. */
  generatedAt: string;
};
