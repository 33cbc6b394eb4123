import "server-only";
import { ZIncidentRef, type IncidentRefInput } from "@/lib/schemas/logs";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { lockIncident } from "./lock-incident";

/** open → acknowledged, recording who and when, with its audit event in the same transaction. */
export async function acknowledgeIncident({ ctx, input, now = new Date() }: { ctx: RequestContext; input: IncidentRefInput; now?: Date }): Promise<{ id: string; status: "acknowledged" }> {
  requirePermission(ctx, "incidents:handle");
  const parsed = ZIncidentRef.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "no such incident");
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncident(tx, ctx, parsed.data.incidentId);
    if (incident.status !== "open") {
      throw new AppError("incident_state_conflict", `an incident in status ${incident.status} cannot be acknowledged`, { details: { currentStatus: incident.status } });
    }
    await tx.incident.update({ where: { id: incident.id }, data: { status: "acknowledged", acknowledgedAt: now, acknowledgedById: ctx.actor.id } });
    await writeAuditEvent(tx, ctx, {
      municipalityId: incident.municipalityId,
      action: "incident.acknowledge",
      targetType: "Incident",
      targetId: incident.id,
      details: { kind: incident.kind },
    });
    return { id: incident.id, status: "acknowledged" as const };
  });
}
