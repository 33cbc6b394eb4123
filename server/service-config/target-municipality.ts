import "server-only";
import type { Permission } from "@/lib/permissions";
import { requirePermission, type RequestContext } from "../context";
import { AppError } from "../errors";
import { withTenant } from "../db/tenant";

/**
 * The context to act in. Municipal staff always act in their own municipality: naming another one is refused,
 * whatever the payload says. The operator must name the municipality explicitly; it is checked to exist and the
 * returned context is scoped to it, so row-level security and the audit chain are that municipality's.
 */
export async function targetContext(ctx: RequestContext, municipalityId: string | undefined, permission: Extract<Permission, "service:read" | "service:edit" | "settings:edit" | "mayor-and-seal:record">): Promise<RequestContext> {
  requirePermission(ctx, permission);
  if (ctx.municipalityId) {
    if (municipalityId !== undefined && municipalityId !== ctx.municipalityId) throw new AppError("forbidden", "another municipality");
    return ctx;
  }
  if (!municipalityId) throw new AppError("validation_failed", "the operator must choose a municipality");
  const exists = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { id: municipalityId }, select: { id: true } }));
  if (!exists) throw new AppError("not_found", "no such municipality");
  return { ...ctx, municipalityId };
}

export type TargetMunicipality = { id: string; code: string; name: string };

/** The municipalities the signed-in staff member may configure or view: their own, or all for the operator. */
export async function listTargetMunicipalities({ ctx }: { ctx: RequestContext }): Promise<TargetMunicipality[]> {
  requirePermission(ctx, "service:read");
  return withTenant(ctx, (tx) =>
    tx.municipality.findMany({
      where: ctx.municipalityId ? { id: ctx.municipalityId } : {},
      select: { id: true, code: true, name: true },
      orderBy: { code: "asc" },
    }),
  );
}
