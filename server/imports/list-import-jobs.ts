import "server-only";
import { can } from "@/lib/permissions";
import { z } from "zod";
import type { ImportJobSummary } from "@/lib/import-feeds";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { jobSummary } from "./job-summary";

export type ImportPage = {
  /** Municipalities an operator may choose from (empty for a municipal administrator). */
  municipalities: Array<{ id: string; code: string; name: string }>;
  selected: { id: string; code: string; name: string } | null;
  jobs: Array<ImportJobSummary & { source: string; createdAt: string }>;
};

/**
 * The import screen's data: the recent import jobs of the staff member's municipality (whatever the URL
 * says), or — for an operator — of the municipality chosen with `?municipality=<団体コード>` (none: no jobs).
 */
export async function listImportJobs(a: { ctx: RequestContext; municipalityCode?: string | null; take?: number }): Promise<ImportPage> {
  const { ctx } = a;
  requirePermission(ctx, "imports:run");
  const isOperator = ctx.actor.type === "staff" && can(ctx.actor.role, "all-municipalities");
  return withTenant(ctx, async (db) => {
    const select = { id: true, code: true, name: true } as const;
    let selected: ImportPage["selected"] = null;
    if (isOperator) {
      const code = z.string().regex(/^\d{6}$/).safeParse(a.municipalityCode);
      selected = code.success ? await db.municipality.findUnique({ where: { code: code.data }, select }) : null;
    } else {
      if (!ctx.municipalityId) throw new AppError("forbidden", "this account belongs to no municipality");
      selected = await db.municipality.findUnique({ where: { id: ctx.municipalityId }, select });
    }
    const municipalities = isOperator ? await db.municipality.findMany({ select, orderBy: { code: "asc" } }) : [];
    const jobs = selected
      ? await db.importJob.findMany({ where: { municipalityId: selected.id }, orderBy: { createdAt: "desc" }, take: a.take ?? 20 })
      : [];
    return {
      municipalities,
      selected,
      jobs: jobs.map((j) => ({ ...jobSummary(j), source: j.source, createdAt: j.createdAt.toISOString() })),
    };
  });
}
