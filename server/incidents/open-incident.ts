import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import type { IncidentKind, IncidentSeverity } from "../generated/prisma/enums";

export type IncidentInput = {
  municipalityId: string | null;
  kind: IncidentKind;
  severity: IncidentSeverity;
  summary: string;
  /** Codes and ids only, no personal data. */
  details?: Record<string, unknown>;
  issuanceId?: string | null;
};

/** Records an incident for the staff dashboard (centre error reports, failed self-checks, stops). */
export async function openIncident(ctx: RequestContext, input: IncidentInput, tx?: Tx): Promise<string> {
  const run = async (t: Tx) => {
    const incident = await t.incident.create({
      data: {
        municipalityId: input.municipalityId,
        kind: input.kind,
        severity: input.severity,
        summary: input.summary,
        details: (input.details ?? {}) as object,
        issuanceId: input.issuanceId ?? null,
      },
    });
    await writeAuditEvent(t, ctx, {
      municipalityId: input.municipalityId,
      action: "incident.open",
      targetType: "Incident",
      targetId: incident.id,
      details: { kind: input.kind, severity: input.severity },
    });
    return incident.id;
  };
  return tx ? run(tx) : withTenant(ctx, run);
}
