import "server-only";
import { beforeDeadline } from "@/lib/before-deadline";
import { withSystemScope } from "../db/tenant";

const READ_TIMEOUT_MS = 3_000;

/**
 * Notices waiting to be sent, across every municipality (counts only): 利用登録 notices to applicants and alert
 * deliveries. System work (row-level security's all-municipalities scope, server/db/tenant.ts), read-only, within
 * a few seconds even when the database stalls (a scrape must not hang; the caller reports the failure).
 */
export async function countPendingNotices(): Promise<{ registration: number; alert: number }> {
  const read = withSystemScope(
    "metrics",
    async (tx) => {
      const registration = await tx.registrationNotice.count({ where: { status: "pending" } });
      const alert = await tx.alertDelivery.count({ where: { status: "pending" } });
      return { registration, alert };
    },
    { timeout: READ_TIMEOUT_MS, maxWait: READ_TIMEOUT_MS },
  );
  return beforeDeadline(AbortSignal.timeout(READ_TIMEOUT_MS), read, () => new Error("the pending notices were not counted in time"));
}
