import "server-only";
import type { CertificateTypeId } from "@/lib/certificate-types";
import { fromDbCertificateType } from "@/lib/certificate-types";
import type { VoidReasonName } from "@/lib/schemas/issuance-void";
import { ZIncidentRef, type IncidentKindName, type IncidentRefInput, type IncidentStatusName, type IssuanceStatusName } from "@/lib/schemas/logs";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { IncidentSeverity } from "../generated/prisma/enums";

export type IncidentDetail = {
  id: string;
  kind: IncidentKindName;
  severity: IncidentSeverity;
  status: IncidentStatusName;
  summary: string;
  /** Codes and ids recorded with the incident, as key/value text. */
  details: Array<{ key: string; value: string }>;
  municipality: { code: string; name: string } | null;
  issuance: { id: string; issuanceNo: string } | null;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
  /** The issuances the incident may have affected: its own issuance and those staff added, by 発行番号. */
  affected: AffectedIssuance[];
};

export type AffectedIssuance = {
  id: string;
  issuanceNo: string;
  certificateType: CertificateTypeId;
  status: IssuanceStatusName;
  renderedAt: string;
  storeChain: string;
  terminalId: string;
  voidedAt: string | null;
  voidReason: VoidReasonName | null;
  /** Recorded with the incident (its `issuanceId`) rather than added by staff. */
  own: boolean;
};

const AFFECTED_SELECT = {
  id: true,
  issuanceNo: true,
  certificateType: true,
  status: true,
  renderedAt: true,
  storeChain: true,
  terminalId: true,
  voidedAt: true,
  voidReason: true,
} as const;

/** One incident; another municipality's (or a platform incident for municipal staff) is not_found. */
export async function getIncident({ ctx, input }: { ctx: RequestContext; input: IncidentRefInput }): Promise<IncidentDetail> {
  requirePermission(ctx, "incidents:read");
  const parsed = ZIncidentRef.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "no such incident");
  return withTenant(ctx, async (tx) => {
    const row = await tx.incident.findFirst({
      where: { id: parsed.data.incidentId, ...(ctx.municipalityId ? { municipalityId: ctx.municipalityId } : {}) },
      include: { municipality: { select: { code: true, name: true } }, issuance: { select: { id: true, issuanceNo: true } } },
    });
    if (!row) throw new AppError("not_found", "no such incident");
    const links = await tx.incidentIssuance.findMany({ where: { incidentId: row.id }, select: { issuance: { select: AFFECTED_SELECT } } });
    const ownIssuance = row.issuanceId ? await tx.issuance.findUnique({ where: { id: row.issuanceId }, select: AFFECTED_SELECT }) : null;
    const affected = [...(ownIssuance ? [{ ...ownIssuance, own: true }] : []), ...links.map((l) => ({ ...l.issuance, own: false }))]
      .sort((a, b) => a.issuanceNo.localeCompare(b.issuanceNo))
      .map((i) => ({ ...i, certificateType: fromDbCertificateType(i.certificateType), renderedAt: i.renderedAt.toISOString(), voidedAt: i.voidedAt?.toISOString() ?? null }));
    const staffIds = [row.acknowledgedById, row.closedById].filter((id): id is string => id !== null);
    const staff = staffIds.length ? await tx.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } }) : [];
    const nameOf = (id: string | null) => (id ? (staff.find((s) => s.id === id)?.displayName ?? "（不明な職員）") : null);
    const details = row.details && typeof row.details === "object" && !Array.isArray(row.details) ? row.details : {};
    return {
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      status: row.status,
      summary: row.summary,
      details: Object.entries(details).map(([key, value]) => ({ key, value: typeof value === "string" ? value : JSON.stringify(value) })),
      municipality: row.municipality,
      issuance: row.issuance,
      openedAt: row.openedAt.toISOString(),
      acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: nameOf(row.acknowledgedById),
      closedAt: row.closedAt?.toISOString() ?? null,
      closedBy: nameOf(row.closedById),
      closeReason: row.closeReason,
      affected,
    };
  });
}
