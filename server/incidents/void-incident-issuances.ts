import "server-only";
import { ZVoidIncidentIssuances, type VoidIncidentIssuancesInput } from "@/lib/schemas/issuance-void";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { applyVoid, type VoidedIssuance } from "../logs/apply-void";
import { parseInput } from "../parse-input";
import { lockIncident } from "./lock-incident";

/**
 * Voids issuances an incident lists (its own issuance and the ones added to it) with one reason, in one
 * transaction: the chosen ones — all or none: one that is not listed, not printed or already void refuses the
 * lot — or `all`, every printed one not yet void. Each void is audited with the incident's id.
 */
export async function voidIncidentIssuances({ ctx, input, now = new Date() }: { ctx: RequestContext; input: VoidIncidentIssuancesInput; now?: Date }): Promise<{ voided: VoidedIssuance[] }> {
  requirePermission(ctx, "issuances:void");
  const municipalityId = requireMunicipality(ctx);
  const q = parseInput(ZVoidIncidentIssuances, input, "invalid void request");
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncident(tx, ctx, q.incidentId);
    if (incident.status === "closed") throw new AppError("incident_state_conflict", "the incident is closed", { details: { currentStatus: incident.status } });
    const links = await tx.incidentIssuance.findMany({ where: { incidentId: incident.id }, select: { issuanceId: true } });
    const listed = new Set([...(incident.issuanceId ? [incident.issuanceId] : []), ...links.map((l) => l.issuanceId)]);
    let ids: string[];
    if (q.scope === "all") {
      const open = await tx.issuance.findMany({ where: { id: { in: [...listed] }, municipalityId, status: "printed", voidedAt: null }, select: { id: true } });
      ids = open.map((i) => i.id);
    } else {
      if (q.issuanceIds.some((id) => !listed.has(id))) throw new AppError("not_found", "an issuance chosen is not listed by this incident");
      ids = q.issuanceIds;
    }
    if (ids.length === 0) return { voided: [] };
    const voided = await applyVoid(tx, ctx, municipalityId, ids, { reason: q.reason, note: q.note }, now, { incidentId: incident.id });
    return { voided };
  });
}
