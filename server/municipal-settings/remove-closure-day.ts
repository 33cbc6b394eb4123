import "server-only";
import { jstDateString } from "@/lib/jst";
import { ZRemoveClosureDay } from "@/lib/schemas/municipal-settings";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";

/** Removes a closure day of today or later (today's reopens the service now); a past one stays on record. */
export async function removeClosureDay({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  const v = parseInput(ZRemoveClosureDay, input);
  const tctx = await targetContext(ctx, v.municipalityId, "settings:edit");
  await withTenant(tctx, async (tx) => {
    const row = await tx.localClosureDay.findFirst({ where: { id: v.closureDayId, municipalityId: tctx.municipalityId! } });
    if (!row) throw new AppError("not_found", "no such closure day");
    const day = row.day.toISOString().slice(0, 10);
    if (day < jstDateString(now)) throw new AppError("setting_change_in_force", "a past closure day stays on record");
    await tx.localClosureDay.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, tctx, { action: "closure_day.remove", targetType: "LocalClosureDay", targetId: row.id, details: { day, reason: row.reason } });
  });
}
