import "server-only";
import { ZEndEmergencyStop } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/** Ends an emergency stop: issuance resumes with the commit. The incident stays open for its own follow-up. */
export async function endEmergencyStop({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  const v = parseInput(ZEndEmergencyStop, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  await withTenant(tctx, async (tx) => {
    const ended = await tx.emergencyStop.updateMany({
      where: { id: v.emergencyStopId, municipalityId: tctx.municipalityId!, endedAt: null },
      data: { endedAt: now, endedById: ctx.actor.type === "staff" ? ctx.actor.id : null },
    });
    if (ended.count === 0) {
      const exists = await tx.emergencyStop.findFirst({ where: { id: v.emergencyStopId, municipalityId: tctx.municipalityId! }, select: { id: true } });
      throw exists ? new AppError("conflict", "already ended") : new AppError("not_found", "no such emergency stop");
    }
    await writeAuditEvent(tx, tctx, { action: "emergency_stop.end", targetType: "EmergencyStop", targetId: v.emergencyStopId });
  });
}
