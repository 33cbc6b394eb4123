import "server-only";
import { ZMayorTermForm } from "@/lib/schemas/mayor-and-seal";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { historyDay, lockAndStartHistory, requireNotPast } from "./history";

/**
 * Records a new mayor (職名・氏名 as printed) from a JST day on, today or later: certificates of that day and
 * after print it, earlier ones keep the previous entry (docs/decisions/0015). An entry is never edited; a
 * mistake is answered by another entry. The municipality's administrator, or the operator naming it.
 */
export async function recordMayorTerm({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string }> {
  const v = parseInput(ZMayorTermForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "mayor-and-seal:record");
  const municipalityId = tctx.municipalityId!;
  const { inForceNow } = requireNotPast(v.effectiveFrom, now);
  return withTenant(tctx, async (tx) => {
    await lockAndStartHistory(tx, municipalityId);
    const effectiveFrom = historyDay(v.effectiveFrom);
    const taken = await tx.mayorTerm.findUnique({ where: { municipalityId_effectiveFrom: { municipalityId, effectiveFrom } }, select: { id: true } });
    if (taken) throw new AppError("mayor_seal_date_taken", "a mayor is recorded for this day already");
    const row = await tx.mayorTerm.create({
      data: { municipalityId, effectiveFrom, mayorTitle: v.mayorTitle, mayorName: v.mayorName, recordedById: tctx.actor.type === "staff" ? tctx.actor.id : null },
      select: { id: true },
    });
    // The columns stay equal to the entry in force when it takes effect today (the expand step's fallback).
    if (inForceNow) await tx.municipality.update({ where: { id: municipalityId }, data: { mayorTitle: v.mayorTitle, mayorName: v.mayorName }, select: { id: true } });
    await writeAuditEvent(tx, tctx, {
      action: "mayor_term.record",
      targetType: "MayorTerm",
      targetId: row.id,
      // The day only: the name stays out of the audit details, as for the municipality's other fields.
      details: { effectiveFrom: v.effectiveFrom, inForceNow },
    });
    return row;
  });
}
