import "server-only";
import { can } from "@/lib/permissions";
import { z } from "zod";
import type { ImportJobSummary } from "@/lib/import-feeds";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { importUploadedFile, uploadOptions } from "./import-uploaded-file";
import type { ImportProgress } from "./run-import";

/**
 * A portal upload. The tenant comes from the session: a municipal administrator imports into their own
 * municipality (naming another is refused); an operator, who belongs to none, must name one explicitly.
 */
export async function importFromPortal(a: {
  ctx: RequestContext;
  query: URLSearchParams;
  filePath: string;
  onProgress?: (p: ImportProgress) => void;
}): Promise<ImportJobSummary & { committedAt: string | null }> {
  const { ctx, query } = a;
  requirePermission(ctx, "imports:run");
  const named = query.get("municipalityId");
  let municipalityId: string;
  if (ctx.actor.type === "staff" && can(ctx.actor.role, "all-municipalities")) {
    const id = z.string().uuid().safeParse(named);
    if (!id.success) throw new AppError("municipality_required", "an operator must choose the municipality to import into");
    const exists = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { id: id.data }, select: { id: true } }));
    if (!exists) throw new AppError("not_found", "no such municipality");
    municipalityId = id.data;
  } else {
    if (!ctx.municipalityId) throw new AppError("forbidden", "this account belongs to no municipality");
    if (named && named !== ctx.municipalityId) throw new AppError("forbidden", "a municipal administrator imports into their own municipality only");
    municipalityId = ctx.municipalityId;
  }
  const options = uploadOptions(query, null);
  return importUploadedFile({ ctx, municipalityId, options, filePath: a.filePath, fileName: query.get("fileName"), source: "portal", onProgress: a.onProgress });
}
