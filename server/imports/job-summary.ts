import "server-only";
import type { ImportFeedName, ImportJobSummary, ImportLineError, ImportModeName } from "@/lib/import-feeds";
import type { ImportJob } from "../generated/prisma/client";

// ImportJob.errors holds the first line-numbered errors; when there were more, one last entry without a line
// carries the total (`total`), so the count survives without a column of its own.

type StoredError = ImportLineError & { total?: number };

export function storedErrors(list: readonly ImportLineError[], total: number): StoredError[] {
  if (total <= list.length) return [...list];
  return [...list, { line: null, column: null, message: `エラーは全部で${total.toLocaleString("ja-JP")}件あります（先頭${list.length}件のみ記録しています）。`, total }];
}

function readErrors(value: unknown): { errors: ImportLineError[]; total: number } {
  const arr = Array.isArray(value) ? (value as StoredError[]) : [];
  const marker = arr.find((e) => typeof e?.total === "number");
  const errors = arr.map((e) => ({ line: typeof e.line === "number" ? e.line : null, column: typeof e.column === "string" ? e.column : null, message: String(e.message ?? "") }));
  return { errors, total: marker ? marker.total! : errors.length };
}

/** The job as the portal, the API and the CLI report it. */
export function jobSummary(job: ImportJob): ImportJobSummary {
  const { errors, total } = readErrors(job.errors);
  return {
    jobId: job.id,
    feed: job.feed as ImportFeedName,
    mode: job.mode as ImportModeName,
    status: job.status,
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
