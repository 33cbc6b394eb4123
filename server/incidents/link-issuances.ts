import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { lockIncident } from "./lock-incident";

export type LinkResult = { added: number; skipped: number };

/** Locks the incident (not closed, of a municipality) for the add verbs; a platform incident lists no issuances. */
export async function lockIncidentForLinks(tx: Tx, ctx: RequestContext, incidentId: string): Promise<{ id: string; municipalityId: string | null; issuanceId: string | null }> {
  const incident = await lockIncident(tx, ctx, incidentId);
  if (incident.status === "closed") throw new AppError("incident_state_conflict", "a closed incident takes no more issuances", { details: { currentStatus: incident.status } });
  return incident;
}

/**
 * Links issuances of the incident's municipality to it, skipping those listed already and its own issuance, and
 * writes one audit event naming the numbers added (numbers are not personal data). Inside the caller's transaction.
 */
export async function linkIssuances(
  tx: Tx,
  ctx: RequestContext,
  incident: { id: string; municipalityId: string; issuanceId: string | null },
  found: ReadonlyArray<{ id: string; issuanceNo: string }>,
  now: Date,
  how: "numbers" | "search",
): Promise<LinkResult> {
  const linked = await tx.incidentIssuance.findMany({ where: { incidentId: incident.id, issuanceId: { in: found.map((f) => f.id) } }, select: { issuanceId: true } });
  const skip = new Set([incident.issuanceId, ...linked.map((l) => l.issuanceId)]);
  const fresh = found.filter((f) => !skip.has(f.id)).sort((a, b) => a.issuanceNo.localeCompare(b.issuanceNo));
  if (fresh.length) {
    const addedById = ctx.actor.type === "staff" ? ctx.actor.id : null;
    await tx.incidentIssuance.createMany({ data: fresh.map((f) => ({ incidentId: incident.id, issuanceId: f.id, municipalityId: incident.municipalityId, addedAt: now, addedById })) });
    await writeAuditEvent(tx, ctx, {
      municipalityId: incident.municipalityId,
      action: "incident.add_issuances",
      targetType: "Incident",
      targetId: incident.id,
      details: { how, issuanceNos: fresh.map((f) => f.issuanceNo), count: fresh.length },
    });
  }
  return { added: fresh.length, skipped: found.length - fresh.length };
}
