import "server-only";
import { jstInstant } from "@/lib/jst";
import { ZPlannedStopForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/** Schedules a planned stop (maintenance, system change) with the notice shown to residents at the kiosk. */
export async function createPlannedStop({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string }> {
  const v = parseInput(ZPlannedStopForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const startsAt = jstInstant(v.startsAt);
  const endsAt = jstInstant(v.endsAt);
  if (startsAt <= now) throw new AppError("stop_in_past", "a planned stop must start in the future");
  return withTenant(tctx, async (tx) => {
    const row = await tx.serviceStop.create({
      data: { municipalityId: tctx.municipalityId!, scope: v.scope, startsAt, endsAt, notice: v.notice, createdById: ctx.actor.type === "staff" ? ctx.actor.id : null },
    });
    await writeAuditEvent(tx, tctx, {
      action: "service_stop.create",
      targetType: "ServiceStop",
      targetId: row.id,
      details: { scope: v.scope, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    return { id: row.id };
  });
}
