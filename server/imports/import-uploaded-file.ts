import "server-only";
import fs from "node:fs";
import { ZImportOptions, type ImportJobSummary } from "@/lib/import-feeds";
import type { RequestContext } from "../context";
import { AppError } from "../errors";
import type { ImportSource } from "../generated/prisma/enums";
import { parseInput } from "../parse-input";
import { joinedMessages, runImport, type ImportProgress } from "./run-import";

/** `confirmRemovals=1|true` (or 0/false/absent): the operator confirms a full load's removals over the limit. */
function confirmRemovalsParam(query: URLSearchParams): boolean {
  const v = query.get("confirmRemovals");
  if (v === null || v === "" || v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  throw new AppError("validation_failed", "confirmRemovals は 1（削除を承認する）または 0 を指定してください。", {
    details: { errors: [{ path: "confirmRemovals", message: "confirmRemovals は 1（削除を承認する）または 0 を指定してください。" }] },
  });
}

/** The import options of an HTTP upload, from its query string (`?mode=…&format=…&encoding=…&confirmRemovals=1`). */
export function uploadOptions(query: URLSearchParams, feed: string | null) {
  const options = parseInput(
    ZImportOptions,
    { feed: feed ?? query.get("feed") ?? undefined, mode: query.get("mode") ?? undefined, format: query.get("format") ?? undefined, encoding: query.get("encoding") ?? undefined },
    joinedMessages,
  );
  return { ...options, confirmRemovals: confirmRemovalsParam(query) };
}

/** Runs the import of a spooled upload and answers with the job (also when it failed validation). */
export async function importUploadedFile(a: {
  ctx: RequestContext;
  municipalityId: string;
  options: ReturnType<typeof uploadOptions>;
  filePath: string;
  fileName: string | null;
  source: ImportSource;
  onProgress?: (p: ImportProgress) => void;
}): Promise<ImportJobSummary & { committedAt: string | null }> {
  const result = await runImport({
    ctx: a.ctx,
    municipalityId: a.municipalityId,
    ...a.options,
    source: a.source,
    input: fs.createReadStream(a.filePath, { highWaterMark: 256 * 1024 }),
    fileName: a.fileName,
    onProgress: a.onProgress,
  });
  const { lockedMs: _lockedMs, ...job } = result;
  return { ...job, committedAt: result.committedAt?.toISOString() ?? null };
}
