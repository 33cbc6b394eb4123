import "server-only";
import type { CompletionRequestBody } from "@/lib/schemas/kiosk";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { openIncident } from "../incidents/open-incident";
import { alertOnCentreFailures } from "../alerts/alert-on-centre-failures";
import { recordPrintedUsage } from "../stats/record-printed-usage";

export type CompletionResponse = { issuanceId: string; issuanceNo: string; status: "printed" | "cancelled" | "failed"; completedAt: string };

/**
 * The centre reports what became of a rendered certificate. Only `printed` (printed and paid) counts in
 * statistics and fees; every outcome deletes the stored PDF (its hash stays). Repeating the same outcome
 * is answered again; a different outcome after completion is a conflict. A `failed` report opens an
 * incident so that somebody looks at it (the Yokohama and Adachi lesson).
 */
export async function completeIssuance({
  ctx,
  issuanceId,
  input,
  now = new Date(),
  notBeforeIssuance = false,
}: {
  ctx: RequestContext;
  issuanceId: string;
  input: CompletionRequestBody;
  now?: Date;
  /** The HTTP edge: a demo clock override (or another node's clock) must never date a completion before its issuance. */
  notBeforeIssuance?: boolean;
}): Promise<CompletionResponse> {
  if (ctx.actor.type !== "api_client") throw new AppError("forbidden", "completion is for API clients");
  const apiClientId = ctx.actor.id;
  return withTenant(ctx, async (tx) => {
    // Lock the row: two completions for one issuance are applied one after the other.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Issuance" WHERE id = ${issuanceId}::uuid AND "apiClientId" = ${apiClientId}::uuid FOR UPDATE`;
    if (!rows.length) throw new AppError("issuance_not_found", "no issuance with this id for this client");
    // Never the PDF column: it is not needed here, and reading a bytea through the driver adapter costs
    // ≈ 1 ms per 10 KB of main-thread CPU (docs/benchmarks.md, "HTTP").
    const current = await tx.issuance.findUniqueOrThrow({ where: { id: issuanceId }, omit: { pdf: true } });
    if (current.status !== "rendered") {
      if (current.status === input.outcome) {
        return { issuanceId, issuanceNo: current.issuanceNo, status: current.status, completedAt: current.completedAt!.toISOString() };
      }
      throw new AppError("completion_conflict", `the issuance was already completed as ${current.status}`, { details: { currentStatus: current.status } });
    }
    // Never dated before the issuance: a demo clock override (or the clocks of two app nodes) could say otherwise.
    const completedAt = notBeforeIssuance && now < current.renderedAt ? current.renderedAt : now;
    await tx.issuance.update({
      where: { id: issuanceId },
      data: { status: input.outcome, completedAt, pdf: null, pdfDeletedAt: completedAt, failureReason: input.outcome === "failed" ? (input.reason ?? null) : null },
      select: { id: true },
    });
    if (input.outcome === "printed") {
      // Daily and hourly rollups in this transaction: cancelled and failed issuances never count.
      await recordPrintedUsage(tx, current, completedAt);
    }
    if (input.outcome === "failed") {
      await openIncident(
        { ...ctx, municipalityId: current.municipalityId },
        {
          municipalityId: current.municipalityId,
          kind: "centre_error",
          severity: "high",
          summary: "交付センターから印刷失敗の報告がありました",
          details: { issuanceNo: current.issuanceNo, storeChain: current.storeChain, storeCode: current.storeCode, terminalId: current.terminalId },
          issuanceId,
        },
        tx,
      );
      // Several failures in a short time alert the municipality's recipients (docs/decisions/0016).
      await alertOnCentreFailures(tx, { municipalityId: current.municipalityId, issuanceNo: current.issuanceNo, now: completedAt });
    }
    await writeAuditEvent(tx, { ...ctx, municipalityId: current.municipalityId }, {
      action: `issuance.${input.outcome}`,
      targetType: "Issuance",
      targetId: issuanceId,
      details: { issuanceNo: current.issuanceNo },
    });
    return { issuanceId, issuanceNo: current.issuanceNo, status: input.outcome, completedAt: completedAt.toISOString() };
  });
}
