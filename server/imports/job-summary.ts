import "server-only";
import { REMOVAL_SHARE_EXCEEDED, type ImportFeedName, type ImportJobSummary, type ImportLineError, type ImportModeName, type RemovalCheck } from "@/lib/import-feeds";
import type { ImportJob } from "../generated/prisma/client";
import { printable } from "./columns";

// ImportJob.errors holds the first line-numbered errors; when there were more, one last entry without a line
// carries the total (`total`), so the count survives without a column of its own.

type StoredError = ImportLineError & { total?: number };

export function storedErrors(list: readonly ImportLineError[], total: number): StoredError[] {
  // The one place errors reach the database (jsonb): messages and columns can quote the file (a header name,
  // a JSON key), which may hold characters jsonb refuses (NUL).
  const stored = list.map((e) => ({ line: e.line, column: e.column === null ? null : printable(e.column), message: printable(e.message) }));
  if (total <= list.length) return stored;
  return [...stored, { line: null, column: null, message: `エラーは全部で${total.toLocaleString("ja-JP")}件あります（先頭${list.length}件のみ記録しています）。`, total }];
}

function readErrors(value: unknown): { errors: ImportLineError[]; total: number } {
  const arr = Array.isArray(value) ? (value as StoredError[]) : [];
  const marker = arr.find((e) => typeof e?.total === "number");
  const errors = arr.map((e) => ({ line: typeof e.line === "number" ? e.line : null, column: typeof e.column === "string" ? e.column : null, message: String(e.message ?? "") }));
  return { errors, total: marker ? marker.total! : errors.length };
}

function readRemovalCheck(job: ImportJob): RemovalCheck | null {
  if (job.errorCode !== REMOVAL_SHARE_EXCEEDED || !job.errorDetails || typeof job.errorDetails !== "object") return null;
  const d = job.errorDetails as Record<string, unknown>;
  const num = (k: keyof RemovalCheck) => (typeof d[k] === "number" ? (d[k] as number) : 0);
  return { current: num("current"), rowsInFile: num("rowsInFile"), removed: num("removed"), sharePercent: num("sharePercent"), limitPercent: num("limitPercent") };
}

/** The job as the portal, the API and the CLI report it. */
export function jobSummary(job: ImportJob): ImportJobSummary {
  const { errors, total } = readErrors(job.errors);
  return {
    jobId: job.id,
    feed: job.feed as ImportFeedName,
    mode: job.mode as ImportModeName,
    status: job.status,
    errorCode: job.errorCode,
    removalCheck: readRemovalCheck(job),
    fileName: job.fileName,
    rowsTotal: job.rowsTotal,
    rowsInserted: job.rowsInserted,
    rowsUpdated: job.rowsUpdated,
    rowsRemoved: job.rowsRemoved,
    errorCount: total,
    errors,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
