import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { ZEmergencyStopForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import type { CertificateType } from "../generated/prisma/enums";
import { AppError } from "../errors";
import { openIncident } from "../incidents/open-incident";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/**
 * The emergency stop of this scope running now, read under a per-municipality lock held until commit, so
 * that two starters (staff, or the automatic stop after a failed PDF self-check) never both create one.
 */
export async function runningEmergencyStop(tx: Tx, municipalityId: string, certificateType: CertificateType | null): Promise<{ id: string } | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`emergency-stop:${municipalityId}`}, 0))`;
  return tx.emergencyStop.findFirst({ where: { municipalityId, certificateType, endedAt: null }, orderBy: { startedAt: "asc" }, select: { id: true } });
}

/**
 * Stops issuance of one type (or all) at once, until ended. Issuance reads active emergency stops on every
 * request, so it takes effect with the commit. The stop also opens an incident for the dashboard.
 */
export async function startEmergencyStop({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string; incidentId: string }> {
  const v = parseInput(ZEmergencyStopForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const municipalityId = tctx.municipalityId!;
  const certificateType = v.certificateType === "all" ? null : toDbCertificateType(v.certificateType);
  return withTenant(tctx, async (tx) => {
    const running = await runningEmergencyStop(tx, municipalityId, certificateType);
    if (running) throw new AppError("emergency_stop_running", "an emergency stop of this scope is already running");
    const row = await tx.emergencyStop.create({
      data: { municipalityId, certificateType, reason: v.reason, startedAt: now, startedById: ctx.actor.type === "staff" ? ctx.actor.id : null },
    });
    const incidentId = await openIncident(
      tctx,
      {
        municipalityId,
        kind: "emergency_stop",
        severity: "high",
        summary: v.certificateType === "all" ? "緊急停止（全証明書）" : "緊急停止（証明書種別指定）",
        details: { emergencyStopId: row.id, certificateType: v.certificateType },
      },
      tx,
    );
    await writeAuditEvent(tx, tctx, {
      action: "emergency_stop.start",
      targetType: "EmergencyStop",
      targetId: row.id,
      details: { certificateType: v.certificateType, incidentId },
    });
    return { id: row.id, incidentId };
  });
}
