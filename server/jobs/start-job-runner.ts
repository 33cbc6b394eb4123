import "server-only";
import PgBoss from "pg-boss";
import { ALERT_DELIVERY_QUEUE, JOB_SCHEMA, MONTHLY_REPORTS_QUEUE, OVERDUE_REGISTRATIONS_QUEUE } from "@/lib/jobs";
import { getEnv, requireEnv } from "../env";
import { logger } from "../logger";

const globalForJobs = globalThis as unknown as { __jobs?: PgBoss };

/**
 * Starts pg-boss in this server process: the cron clock (every process may run it; pg-boss sends each slot
 * once) and workers for the monthly reports and the alerts. `migrate: false`: the schema, queues and schedules are installed
 * by the database owner at migration time (scripts/lib/job-schema.ts); the app role only reads and writes
 * jobs. Stops on SIGINT/SIGTERM (alongside Next's own shutdown) so `npm start` ends cleanly with Ctrl-C.
 * JOBS=off disables it.
 */
export async function startJobRunner({ pollingIntervalSeconds = 30, signals = true }: { pollingIntervalSeconds?: number; signals?: boolean } = {}): Promise<PgBoss | null> {
  if (!getEnv().JOBS) return null;
  if (globalForJobs.__jobs) return globalForJobs.__jobs;
  const boss = new PgBoss({ connectionString: requireEnv("DATABASE_URL"), schema: JOB_SCHEMA, migrate: false, supervise: true, schedule: true, max: 2 });
  globalForJobs.__jobs = boss;
  boss.on("error", (err) => logger.warn({ err: String(err) }, "job runner error"));
  await boss.start();
  await boss.work<{ month?: string }>(MONTHLY_REPORTS_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    // Loaded on first use: the report stack (react-pdf, fonts) stays out of the server's start-up path.
    const { runMonthlyReportsJob } = await import("../reports/run-monthly-reports-job");
    const result = await runMonthlyReportsJob({ month: job.data?.month });
    logger.info(result, "monthly reports generated");
  });
  // Alerts (docs/decisions/0016): the due deliveries every minute, the overdue 利用登録 scan daily.
  await boss.work(ALERT_DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => {
    const { deliverPendingAlerts } = await import("../alerts/deliver-alerts");
    const result = await deliverPendingAlerts();
    if (result.sent + result.retrying + result.failed > 0) logger.info(result, "alert deliveries");
  });
  await boss.work(OVERDUE_REGISTRATIONS_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => {
    const { alertOverdueRegistrations } = await import("../alerts/alert-overdue-registrations");
    logger.info(await alertOverdueRegistrations(), "overdue registration alerts");
  });
  // Next exits right after closing its HTTP server, so do not wait for a running job: pg-boss marks it failed
  // at once (failWip) and it is retried after its delay; the monthly job is idempotent.
  const stop = () => {
    void boss
      .stop({ graceful: false, wait: true })
      .catch(() => undefined)
      .finally(() => delete globalForJobs.__jobs);
  };
  if (signals) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  logger.info({ queue: MONTHLY_REPORTS_QUEUE }, "job runner started");
  return boss;
}

export async function stopJobRunner(): Promise<void> {
  const boss = globalForJobs.__jobs;
  delete globalForJobs.__jobs;
  await boss?.stop({ graceful: true, timeout: 5_000, wait: true });
}
