import "server-only";
import { ZIncidentClose, type IncidentCloseInput } from "@/lib/schemas/logs";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { lockIncident } from "./lock-incident";

/**
 * open or acknowledged → closed, with a required reason (kept on the incident; the audit event carries
 * only ids and codes, since the free text may mention people).
 */
export async function closeIncident({ ctx, input, now = new Date() }: { ctx: RequestContext; input: IncidentCloseInput; now?: Date }): Promise<{ id: string; status: "closed" }> {
  requirePermission(ctx, "incidents:handle");
  const { incidentId, reason } = parseInput(ZIncidentClose, input, "invalid close request");
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncident(tx, ctx, incidentId);
    if (incident.status === "closed") {
      throw new AppError("incident_state_conflict", "the incident is already closed", { details: { currentStatus: incident.status } });
    }
    await tx.incident.update({ where: { id: incident.id }, data: { status: "closed", closedAt: now, closedById: ctx.actor.id, closeReason: reason } });
    await writeAuditEvent(tx, ctx, {
      municipalityId: incident.municipalityId,
      action: "incident.close",
      targetType: "Incident",
      targetId: incident.id,
      details: { kind: incident.kind, fromStatus: incident.status },
    });
    return { id: incident.id, status: "closed" as const };
  });
}
