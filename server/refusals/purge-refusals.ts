import "server-only";
import { withSystemScope } from "../db/tenant";
import { getEnv } from "../env";

const DAY_MS = 86_400_000;

/**
 * Deletes refusals older than the retention period (REFUSAL_RETENTION_DAYS, default 400) before `now`.
 * Run by maintenance; safe from many processes.
 */
export async function purgeRefusals(now: Date, retentionDays = getEnv().REFUSAL_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const { count } = await withSystemScope("purge-refusals", (tx) => tx.refusal.deleteMany({ where: { refusedAt: { lt: cutoff } } }));
  return count;
}
