import "server-only";
import { ZCommissionRateForm } from "@/lib/schemas/statistics";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { statsTarget } from "../stats/stats-target";
import { parseInput } from "../parse-input";

/**
 * Adds a commission rate from a JST day, for one store chain or (empty chain) as the default. Rates are never
 * edited: a new rate with a later date supersedes; the same date again replaces the earlier entry for the
 * settlement (the newest row of a date wins).
 */
export async function addCommissionRate({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<{ id: string }> {
  const v = parseInput(ZCommissionRateForm, input);
  const target = await statsTarget(ctx, v.municipalityId, "stats:edit", { required: true });
  return withTenant(target.ctx, async (tx) => {
    const row = await tx.commissionRate.create({
      data: {
        municipalityId: target.municipality!.id,
        storeChain: v.storeChain || null,
        amount: v.amount,
        effectiveFrom: new Date(`${v.effectiveFrom}T00:00:00Z`),
        note: v.note || null,
        createdById: ctx.actor.type === "staff" ? ctx.actor.id : null,
      },
    });
    await writeAuditEvent(tx, target.ctx, { action: "commission_rate.add", targetType: "CommissionRate", targetId: row.id, details: { storeChain: row.storeChain, amount: v.amount, effectiveFrom: v.effectiveFrom } });
    return { id: row.id };
  });
}
