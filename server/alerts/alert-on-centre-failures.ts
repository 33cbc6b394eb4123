import "server-only";
import type { Tx } from "../db";
import { getEnv } from "../env";
import { raiseAlert } from "./raise-alert";

/**
 * After a centre failure report (a completion `failed`, in its transaction): when the municipality has had
 * ALERT_CENTRE_FAILURE_THRESHOLD failures within the last ALERT_CENTRE_FAILURE_WINDOW_MINUTES and no such
 * alert within that window, raise one. The lock orders concurrent reports of one municipality, so the count
 * sees the reports committed before and two reports cannot both raise the alert of one window.
 */
export async function alertOnCentreFailures(tx: Tx, r: { municipalityId: string; issuanceNo: string; now: Date }): Promise<string | null> {
  const { ALERT_CENTRE_FAILURE_THRESHOLD: threshold, ALERT_CENTRE_FAILURE_WINDOW_MINUTES: windowMinutes } = getEnv();
  const since = new Date(r.now.getTime() - windowMinutes * 60_000);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert-centre-failures:${r.municipalityId}`}, 0))`;
  const failures = await tx.issuance.count({ where: { municipalityId: r.municipalityId, status: "failed", completedAt: { gt: since, lte: r.now } } });
  if (failures < threshold) return null;
  const recent = await tx.alert.findFirst({ where: { municipalityId: r.municipalityId, kind: "centre_failures", createdAt: { gt: since } }, select: { id: true } });
  if (recent) return null;
  return raiseAlert(tx, {
    municipalityId: r.municipalityId,
    kind: "centre_failures",
    // One alert per window: the key names the report that crossed the threshold.
    dedupeKey: `centre_failures:${r.issuanceNo}`,
    payload: { failures, threshold, windowMinutes, latestIssuanceNo: r.issuanceNo },
    now: r.now,
  });
}
