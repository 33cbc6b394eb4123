import "server-only";
import PgBoss from "pg-boss";
import { JOB_SCHEMA, MONTHLY_REPORTS_QUEUE } from "@/lib/jobs";
import { getEnv, requireEnv } from "../env";
import { logger } from "../logger";

const globalForJobs = globalThis as unknown as { __jobs?: PgBoss };

/**
 * Starts pg-boss in this server process: the cron clock (every process may run it; pg-boss sends each slot
 * once) and a worker for the monthly reports. `migrate: false`: the schema, queues and schedules are installed
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
