import "server-only";
import type { VoidReasonName } from "@/lib/schemas/issuance-void";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";

export type VoidDecision = { reason: VoidReasonName; note: string };
export type VoidedIssuance = { id: string; issuanceNo: string; voidedAt: string };

/**
 * Declares issuances of `municipalityId` void inside the caller's transaction: locks them FOR UPDATE in id
 * order (two bulk voids touching the same rows queue, never deadlock), refuses the whole set when one is
 * missing (another tenant's is missing too), not printed or already void, then sets the void and writes one
 * audit event per issuance. The note is staff text and may name people: it stays on the issuance, out of the
 * audit details. The database trigger keeps a void final whatever the code does
 * (prisma/migrations/20261207034807_issuance_verification_and_void).
 */
export async function applyVoid(
  tx: Tx,
  ctx: RequestContext,
  municipalityId: string,
  issuanceIds: readonly string[],
  decision: VoidDecision,
  now: Date,
  audit: { incidentId?: string } = {},
): Promise<VoidedIssuance[]> {
  const ids = [...new Set(issuanceIds)].sort();
  const rows = await tx.$queryRaw<Array<{ id: string; issuanceNo: string; status: string; voidedAt: Date | null }>>`
    SELECT id, "issuanceNo", status::text AS status, "voidedAt" FROM "Issuance"
    WHERE id = ANY(${ids}::uuid[]) AND "municipalityId" = ${municipalityId}::uuid ORDER BY id FOR UPDATE`;
  if (rows.length !== ids.length) throw new AppError("not_found", "no such issuance");
  for (const r of rows) {
    if (r.voidedAt) throw new AppError("issuance_already_void", "the issuance is already void", { details: { issuanceNo: r.issuanceNo } });
    if (r.status !== "printed") {
      throw new AppError("issuance_not_printed", `an issuance in status ${r.status} was never handed over and cannot be voided`, { details: { issuanceNo: r.issuanceNo, currentStatus: r.status } });
    }
  }
  const actorId = ctx.actor.type === "staff" ? ctx.actor.id : null;
  const updated = await tx.issuance.updateMany({
    where: { id: { in: ids }, municipalityId, voidedAt: null },
    data: { voidedAt: now, voidReason: decision.reason, voidNote: decision.note === "" ? null : decision.note, voidedById: actorId },
  });
  // The rows are locked, so this holds; should it ever not, no void is reported that did not happen.
  if (updated.count !== ids.length) throw new AppError("issuance_already_void", "an issuance was voided concurrently");
  for (const r of rows) {
    await writeAuditEvent(tx, ctx, {
      municipalityId,
      action: "issuance.void",
      targetType: "Issuance",
      targetId: r.id,
      details: { issuanceNo: r.issuanceNo, reason: decision.reason, ...(audit.incidentId ? { incidentId: audit.incidentId } : {}) },
    });
  }
  return rows.map((r) => ({ id: r.id, issuanceNo: r.issuanceNo, voidedAt: now.toISOString() }));
}
