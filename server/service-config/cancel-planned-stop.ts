import "server-only";
import { ZCancelPlannedStop } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/**
 * Cancels a planned stop: a future one is removed; a running one ends now (its past part stays on record,
 * it explains refusals already given). An ended stop cannot be cancelled.
 */
export async function cancelPlannedStop({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ outcome: "removed" | "ended" }> {
  const v = parseInput(ZCancelPlannedStop, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  return withTenant(tctx, async (tx) => {
    const stop = await tx.serviceStop.findFirst({ where: { id: v.stopId, municipalityId: tctx.municipalityId! } });
    if (!stop) throw new AppError("not_found", "no such planned stop");
    if (stop.endsAt <= now) throw new AppError("conflict", "the stop has already ended");
    const outcome = stop.startsAt > now ? "removed" : "ended";
    if (outcome === "removed") await tx.serviceStop.delete({ where: { id: stop.id } });
    else await tx.serviceStop.update({ where: { id: stop.id }, data: { endsAt: now } });
    await writeAuditEvent(tx, tctx, { action: "service_stop.cancel", targetType: "ServiceStop", targetId: stop.id, details: { scope: stop.scope, outcome } });
    return { outcome };
  });
}
