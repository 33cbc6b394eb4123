import "server-only";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import type { IncidentKind, IncidentStatus } from "../generated/prisma/enums";

/**
 * Locks one incident of the context's tenant (FOR UPDATE) so two staff acting at once apply one after the
 * other and the second sees the new status. Another tenant's incident is not_found.
 */
export async function lockIncident(tx: Tx, ctx: RequestContext, incidentId: string): Promise<{ id: string; municipalityId: string | null; issuanceId: string | null; kind: IncidentKind; status: IncidentStatus }> {
  const rows = ctx.municipalityId
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${incidentId}::uuid AND "municipalityId" = ${ctx.municipalityId}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Incident" WHERE id = ${incidentId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError("not_found", "no such incident");
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, municipalityId: true, issuanceId: true, kind: true, status: true } });
}
