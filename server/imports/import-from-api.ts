import "server-only";
import { REMOVAL_SHARE_EXCEEDED, type ImportJobSummary } from "@/lib/import-feeds";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { importUploadedFile, uploadOptions } from "./import-uploaded-file";

/**
 * POST /api/imports/v1/{feed}: a nightly job's file. Only an API client confined to one municipality may
 * import, and only into that municipality (an optional `municipality` query parameter must name it). A file
 * that fails validation imports nothing and is answered 422 with the job and its line-numbered errors; a full
 * load refused by the removal guard is answered 422 `removal_share_exceeded` with its counts.
 */
export async function importFromApi(a: { ctx: RequestContext; feed: string; query: URLSearchParams; filePath: string }): Promise<ImportJobSummary & { committedAt: string | null }> {
  const { ctx } = a;
  if (ctx.actor.type !== "api_client" || !ctx.actor.municipalityId) {
    throw new AppError("client_not_confined", "only an API client confined to one municipality may import data");
  }
  const municipalityId = ctx.actor.municipalityId;
  const named = a.query.get("municipality");
  if (named !== null) {
    const own = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { id: municipalityId }, select: { code: true } }));
    if (own?.code !== named) throw new AppError("client_not_allowed", "this API client may not import into this municipality");
  }
  const options = uploadOptions(a.query, a.feed);
  const job = await importUploadedFile({ ctx, municipalityId, options, filePath: a.filePath, fileName: a.query.get("fileName"), source: "api" });
  if (job.errorCode === REMOVAL_SHARE_EXCEEDED) {
    // A valid full file refused by the removal guard: the client may resend it with confirmRemovals=1.
    throw new AppError(REMOVAL_SHARE_EXCEEDED, "the full load would remove more than the municipality's limit; nothing was imported (resend with confirmRemovals=1 to confirm)", {
      details: { job, removalCheck: job.removalCheck },
    });
  }
  if (job.status !== "succeeded") {
    throw new AppError("import_rejected", "the file was not imported; see the errors", { details: { job } });
  }
  return job;
}
