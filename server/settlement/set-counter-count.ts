import "server-only";
import { ZCounterCountForm } from "@/lib/schemas/statistics";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { statsTarget } from "../stats/stats-target";
import { parseInput } from "../parse-input";

/** Records (or corrects) the copies issued at the municipality's counters in a month. */
export async function setCounterCount({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const v = parseInput(ZCounterCountForm, input);
  const target = await statsTarget(ctx, v.municipalityId, "stats:edit", { required: true });
  const municipalityId = target.municipality!.id;
  const updatedById = ctx.actor.type === "staff" ? ctx.actor.id : null;
  await withTenant(target.ctx, async (tx) => {
    await tx.counterIssuanceCount.upsert({
      where: { municipalityId_month: { municipalityId, month: v.month } },
      create: { municipalityId, month: v.month, copies: v.copies, updatedById },
      update: { copies: v.copies, updatedById },
    });
    await writeAuditEvent(tx, target.ctx, { action: "counter_count.set", targetType: "CounterIssuanceCount", targetId: `${municipalityId}:${v.month}`, details: { month: v.month, copies: v.copies } });
  });
}
