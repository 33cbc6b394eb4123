import "server-only";
import { can } from "@/lib/permissions";
import { fromDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import type { VoidReasonName } from "@/lib/schemas/issuance-void";
import { ZIssuanceDetail, type IncidentKindName, type IncidentStatusName, type IssuanceStatusName } from "@/lib/schemas/logs";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";

/** Roles that need the requester's name (to answer a resident at the counter); others never get it. */

export type IssuanceDetail = {
  id: string;
  issuanceNo: string;
  municipality: { code: string; name: string };
  certificateType: CertificateTypeId;
  purpose: "residence" | "honseki";
  status: IssuanceStatusName;
  copies: number;
  feePerCopy: number;
  feeTotal: number;
  storeChain: string;
  storeCode: string;
  terminalId: string;
  centreTransactionId: string;
  outOfTown: boolean;
  renderedAt: string;
  completedAt: string | null;
  pageCount: number;
  pdfSha256: string;
  failureReason: string | null;
  /** hidden: the role may not see it; none: no resident requester (本籍地 issuance to a non-resident). */
  requester: { visibility: "shown"; name: string } | { visibility: "hidden" } | { visibility: "none" };
  incidents: Array<{ id: string; kind: IncidentKindName; status: IncidentStatusName; openedAt: string }>;
  /** Declared void (final); null while valid. `by` is the staff member's display name. */
  void: { at: string; reason: VoidReasonName; note: string | null; by: string } | null;
};

/**
 * One issuance for the staff detail view. Every view is audited (issuance.view); reading the requester's
 * name from the resident register is a personal-data read and audited as issuance.read_detail. The event
 * goes to the issuance's municipality chain, so its auditors also see an operator's views.
 */
export async function getIssuanceDetail({ ctx, input }: { ctx: RequestContext; input: { issuanceId: string } }): Promise<IssuanceDetail> {
  requirePermission(ctx, "issuances:read");
  const parsed = ZIssuanceDetail.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "no such issuance");
  const { issuanceId } = parsed.data;
  const role = ctx.actor.type === "staff" ? ctx.actor.role : null;
  const showName = role !== null && can(role, "issuances:requester-name");

  return withTenant(ctx, async (tx) => {
    const row = await tx.issuance.findFirst({
      where: { id: issuanceId, ...(ctx.municipalityId ? { municipalityId: ctx.municipalityId } : {}) },
      select: {
        id: true,
        municipalityId: true,
        issuanceNo: true,
        certificateType: true,
        purpose: true,
        status: true,
        copies: true,
        feePerCopy: true,
        feeTotal: true,
        storeChain: true,
        storeCode: true,
        terminalId: true,
        centreTransactionId: true,
        outOfTown: true,
        renderedAt: true,
        completedAt: true,
        pageCount: true,
        pdfSha256: true,
        failureReason: true,
        requesterResidentId: true,
        voidedAt: true,
        voidReason: true,
        voidNote: true,
        voidedById: true,
        municipality: { select: { code: true, name: true } },
        incidents: { select: { id: true, kind: true, status: true, openedAt: true }, orderBy: { openedAt: "desc" } },
        incidentLinks: { select: { incident: { select: { id: true, kind: true, status: true, openedAt: true } } } },
      },
    });
    if (!row) throw new AppError("not_found", "no such issuance");

    const voidedBy = row.voidedById ? await tx.staffUser.findUnique({ where: { id: row.voidedById }, select: { displayName: true } }) : null;
    let requester: IssuanceDetail["requester"] = { visibility: row.requesterResidentId ? "hidden" : "none" };
    if (showName && row.requesterResidentId) {
      const resident = await tx.resident.findFirst({
        where: { id: row.requesterResidentId, municipalityId: row.municipalityId },
        select: { familyName: true, givenName: true },
      });
      if (resident) {
        requester = { visibility: "shown", name: `${resident.familyName} ${resident.givenName}` };
        await writeAuditEvent(tx, ctx, {
          municipalityId: row.municipalityId,
          action: "issuance.read_detail",
          targetType: "Resident",
          targetId: row.requesterResidentId,
          details: { issuanceId: row.id, issuanceNo: row.issuanceNo, fields: ["name"] },
        });
      }
    }
    await writeAuditEvent(tx, ctx, {
      municipalityId: row.municipalityId,
      action: "issuance.view",
      targetType: "Issuance",
      targetId: row.id,
      details: { issuanceNo: row.issuanceNo },
    });

    return {
      id: row.id,
      issuanceNo: row.issuanceNo,
      municipality: row.municipality,
      certificateType: fromDbCertificateType(row.certificateType),
      purpose: row.purpose,
      status: row.status,
      copies: row.copies,
      feePerCopy: row.feePerCopy,
      feeTotal: row.feeTotal,
      storeChain: row.storeChain,
      storeCode: row.storeCode,
      terminalId: row.terminalId,
      centreTransactionId: row.centreTransactionId,
      outOfTown: row.outOfTown,
      renderedAt: row.renderedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      pageCount: row.pageCount,
      pdfSha256: row.pdfSha256,
      failureReason: row.failureReason,
      requester,
      void: row.voidedAt && row.voidReason ? { at: row.voidedAt.toISOString(), reason: row.voidReason, note: row.voidNote, by: voidedBy?.displayName ?? "（不明な職員）" } : null,
      // The incidents recorded with this issuance and those that list it as affected, newest first.
      incidents: [...row.incidents, ...row.incidentLinks.map((l) => l.incident).filter((i) => !row.incidents.some((o) => o.id === i.id))]
        .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())
        .map((i) => ({ id: i.id, kind: i.kind, status: i.status, openedAt: i.openedAt.toISOString() })),
    };
  });
}
