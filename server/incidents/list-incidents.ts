import "server-only";
import { LOG_PAGE_SIZE, ZIncidentList, type IncidentKindName, type IncidentListInput, type IncidentStatusName } from "@/lib/schemas/logs";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import type { Prisma } from "../generated/prisma/client";
import type { IncidentSeverity } from "../generated/prisma/enums";
import { parseInput } from "../parse-input";

export type IncidentListItem = {
  id: string;
  kind: IncidentKindName;
  severity: IncidentSeverity;
  status: IncidentStatusName;
  summary: string;
  openedAt: string;
  /** Null for platform incidents (operator only). */
  municipality: { code: string; name: string } | null;
  issuanceNo: string | null;
};

export type IncidentList = { items: IncidentListItem[]; total: number; page: number; pageCount: number; unknownMunicipality: boolean };

/** Incidents newest first, filtered by status and kind. Staff see their municipality's; the operator all. */
export async function listIncidents({ ctx, input }: { ctx: RequestContext; input: IncidentListInput }): Promise<IncidentList> {
  requirePermission(ctx, "incidents:read");
  const q = parseInput(ZIncidentList, input);
  return withTenant(ctx, async (tx) => {
    const where: Prisma.IncidentWhereInput = {};
    if (ctx.municipalityId) {
      where.municipalityId = ctx.municipalityId;
    } else if (q.municipality) {
      const m = await tx.municipality.findUnique({ where: { code: q.municipality }, select: { id: true } });
      if (!m) return { items: [], total: 0, page: 1, pageCount: 0, unknownMunicipality: true };
      where.municipalityId = m.id;
    }
    if (q.status) where.status = q.status;
    if (q.kind) where.kind = q.kind;
    const total = await tx.incident.count({ where });
    const pageCount = Math.ceil(total / LOG_PAGE_SIZE);
    const page = Math.min(q.page, Math.max(pageCount, 1));
    const rows = await tx.incident.findMany({
      where,
      orderBy: [{ openedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * LOG_PAGE_SIZE,
      take: LOG_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        severity: true,
        status: true,
        summary: true,
        openedAt: true,
        municipality: { select: { code: true, name: true } },
        issuance: { select: { issuanceNo: true } },
      },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        severity: r.severity,
        status: r.status,
        summary: r.summary,
        openedAt: r.openedAt.toISOString(),
        municipality: r.municipality,
        issuanceNo: r.issuance?.issuanceNo ?? null,
      })),
      total,
      page,
      pageCount,
      unknownMunicipality: false,
    };
  });
}
