import "server-only";
import type { Permission } from "@/lib/permissions";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";

export type StatsMunicipality = { id: string; code: string; name: string; commissionPerIssuance: number };

/**
 * The context and municipality a statistics verb reads. Municipal staff always get their own municipality
 * (naming another is refused). The operator names one, or none for every municipality (`municipality` null,
 * context left operator-wide) unless `required`.
 */
export async function statsTarget(
  ctx: RequestContext,
  municipalityId: string | undefined,
  permission: Extract<Permission, "stats:read" | "stats:edit">,
  { required = false }: { required?: boolean } = {},
): Promise<{ ctx: RequestContext; municipality: StatsMunicipality | null }> {
  requirePermission(ctx, permission);
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
