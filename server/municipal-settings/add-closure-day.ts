import "server-only";
import { jstDateString } from "@/lib/jst";
import { ZClosureDayForm } from "@/lib/schemas/municipal-settings";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";

/**
 * Adds a closure day of the municipality's own (today or later): the kiosk refuses every type that day
 * (service_local_closure) and review deadlines of 利用登録 received from now on skip it.
 */
export async function addClosureDay({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string }> {
  const v = parseInput(ZClosureDayForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "settings:edit");
  if (v.day < jstDateString(now)) throw new AppError("setting_date_in_past", "the closure day is before today");
  return withTenant(tctx, async (tx) => {
    const municipalityId = tctx.municipalityId!;
    const day = new Date(`${v.day}T00:00:00Z`);
    if (await tx.localClosureDay.findUnique({ where: { municipalityId_day: { municipalityId, day } }, select: { id: true } })) {
      throw new AppError("closure_day_exists", "the day is already a closure day");
    }
    const row = await tx.localClosureDay.create({ data: { municipalityId, day, reason: v.reason, createdById: ctx.actor.type === "staff" ? ctx.actor.id : null } });
    await writeAuditEvent(tx, tctx, { action: "closure_day.add", targetType: "LocalClosureDay", targetId: row.id, details: { day: v.day, reason: v.reason } });
    return { id: row.id };
  });
}
