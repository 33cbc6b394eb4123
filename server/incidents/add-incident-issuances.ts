import "server-only";
import { splitIssuanceNos, ZAddIncidentIssuances, type AddIncidentIssuancesInput } from "@/lib/schemas/issuance-void";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { lockIncident } from "./lock-incident";

/**
 * Lists issuances (by 発行番号) as affected by an incident, e.g. every certificate a misconfigured terminal printed
 * in a time window, so that they can be voided and recalled together. All or nothing: a number that is not an
 * issuance of the incident's municipality refuses the whole list (`issuance_numbers_unknown` naming them).
 * Numbers listed already (or the incident's own issuance) are skipped. One audit event names the numbers added.
 */
export async function addIncidentIssuances({ ctx, input, now = new Date() }: { ctx: RequestContext; input: AddIncidentIssuancesInput; now?: Date }): Promise<{ added: number; skipped: number }> {
  requirePermission(ctx, "incidents:handle");
  const parsed = parseInput(ZAddIncidentIssuances, input, "invalid issuance list");
  const incidentId = parsed.incidentId;
  const issuanceNos = splitIssuanceNos(parsed.issuanceNos);
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncident(tx, ctx, incidentId);
    if (incident.status === "closed") throw new AppError("incident_state_conflict", "a closed incident takes no more issuances", { details: { currentStatus: incident.status } });
    const found = incident.municipalityId
      ? await tx.issuance.findMany({ where: { issuanceNo: { in: issuanceNos }, municipalityId: incident.municipalityId }, select: { id: true, issuanceNo: true } })
      : [];
    const unknown = issuanceNos.filter((no) => !found.some((f) => f.issuanceNo === no));
    if (unknown.length) throw new AppError("issuance_numbers_unknown", `${unknown.length} issuance numbers are not issuances of the incident's municipality`, { details: { unknown } });

    const [own, linked] = await Promise.all([
      tx.incident.findUniqueOrThrow({ where: { id: incident.id }, select: { issuanceId: true } }),
      tx.incidentIssuance.findMany({ where: { incidentId: incident.id, issuanceId: { in: found.map((f) => f.id) } }, select: { issuanceId: true } }),
    ]);
    const skip = new Set([own.issuanceId, ...linked.map((l) => l.issuanceId)]);
    const fresh = found.filter((f) => !skip.has(f.id)).sort((a, b) => a.issuanceNo.localeCompare(b.issuanceNo));
    if (fresh.length) {
      const addedById = ctx.actor.type === "staff" ? ctx.actor.id : null;
      await tx.incidentIssuance.createMany({
        data: fresh.map((f) => ({ incidentId: incident.id, issuanceId: f.id, municipalityId: incident.municipalityId!, addedAt: now, addedById })),
      });
      await writeAuditEvent(tx, ctx, {
        municipalityId: incident.municipalityId,
        action: "incident.add_issuances",
        targetType: "Incident",
        targetId: incident.id,
        details: { issuanceNos: fresh.map((f) => f.issuanceNo), count: fresh.length },
      });
    }
    return { added: fresh.length, skipped: found.length - fresh.length };
  });
}
