import "server-only";
import fs from "node:fs";
import { ZConfirmRemovalsParam, ZImportOptions, type ImportJobSummary } from "@/lib/import-feeds";
import type { RequestContext } from "../context";
import type { ImportSource } from "../generated/prisma/enums";
import { parseInput } from "../parse-input";
import { joinedMessages, runImport, type ImportProgress } from "./run-import";

/** The import options of an HTTP upload, from its query string (`?mode=…&format=…&encoding=…&confirmRemovals=1`). */
export function uploadOptions(query: URLSearchParams, feed: string | null) {
  const options = parseInput(
    ZImportOptions,
    { feed: feed ?? query.get("feed") ?? undefined, mode: query.get("mode") ?? undefined, format: query.get("format") ?? undefined, encoding: query.get("encoding") ?? undefined },
    joinedMessages,
  );
  const { confirmRemovals } = parseInput(ZConfirmRemovalsParam, { confirmRemovals: query.get("confirmRemovals") ?? undefined }, joinedMessages);
  return { ...options, confirmRemovals };
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
