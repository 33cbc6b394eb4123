import "server-only";
import { rolesWith } from "@/lib/permissions";
import { requireRole, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { StaffRole } from "../generated/prisma/enums";

export const STATS_READERS: StaffRole[] = rolesWith("stats:read");
export const STATS_EDITORS: StaffRole[] = rolesWith("stats:edit");

export type StatsMunicipality = { id: string; code: string; name: string; commissionPerIssuance: number };

/**
 * The context and municipality a statistics verb reads. Municipal staff always get their own municipality
 * (naming another is refused). The operator names one, or none for every municipality (`municipality` null,
 * context left operator-wide) unless `required`.
 */
export async function statsTarget(
  ctx: RequestContext,
  municipalityId: string | undefined,
  roles: StaffRole[],
  { required = false }: { required?: boolean } = {},
): Promise<{ ctx: RequestContext; municipality: StatsMunicipality | null }> {
  requireRole(ctx, ...roles);
  if (ctx.municipalityId && municipalityId !== undefined && municipalityId !== ctx.municipalityId) throw new AppError("forbidden", "another municipality");
  const id = ctx.municipalityId ?? municipalityId ?? null;
  if (!id) {
    if (required) throw new AppError("validation_failed", "the operator must choose a municipality");
    return { ctx, municipality: null };
  }
  const municipality = await withTenant(ctx, (tx) =>
    tx.municipality.findUnique({ where: { id }, select: { id: true, code: true, name: true, commissionPerIssuance: true } }),
  );
  if (!municipality) throw new AppError("not_found", "no such municipality");
  return { ctx: { ...ctx, municipalityId: id }, municipality };
}
