// Installs (or migrates) the pg-boss schema, its queues and schedules. DDL: run as the database owner right
// after `prisma migrate deploy` (npm start, npm run db:migrate, the test template database). The application
// role then starts pg-boss with `migrate: false` and needs only DML on the schema.
import PgBoss from "pg-boss";
import { JOB_SCHEMA, JOB_TIME_ZONE, MONTHLY_REPORTS_CRON, MONTHLY_REPORTS_QUEUE } from "../../lib/jobs";

export async function installJobSchema(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false, max: 2 });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    // create_queue adds a partition (DDL): only here, as the owner.
    if (!(await boss.getQueue(MONTHLY_REPORTS_QUEUE))) {
      await boss.createQueue(MONTHLY_REPORTS_QUEUE, { name: MONTHLY_REPORTS_QUEUE, policy: "standard", retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600 });
    }
    await boss.schedule(MONTHLY_REPORTS_QUEUE, MONTHLY_REPORTS_CRON, {}, { tz: JOB_TIME_ZONE });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
