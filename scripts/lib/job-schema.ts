// Installs (or migrates) the pg-boss schema, its queues and schedules. DDL: run as the database owner right
// after `prisma migrate deploy` (npm start, npm run db:migrate, the test template database). The application
// role then starts pg-boss with `migrate: false` and needs only DML on the schema.
import PgBoss from "pg-boss";
import pg from "pg";
import {
  ALERT_DELIVERY_CRON,
  ALERT_DELIVERY_QUEUE,
  JOB_SCHEMA,
  JOB_TIME_ZONE,
  MONTHLY_REPORTS_CRON,
  MONTHLY_REPORTS_QUEUE,
  OVERDUE_REGISTRATIONS_CRON,
  OVERDUE_REGISTRATIONS_QUEUE,
} from "../../lib/jobs";

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
    // Alerts (docs/decisions/0016): the minutely sender keeps no state in the job (each delivery row carries
    // its attempts and backoff), so a short retry covers a crashed run; the daily overdue scan is idempotent.
    if (!(await boss.getQueue(ALERT_DELIVERY_QUEUE))) {
      await boss.createQueue(ALERT_DELIVERY_QUEUE, { name: ALERT_DELIVERY_QUEUE, policy: "singleton", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 });
    }
    await boss.schedule(ALERT_DELIVERY_QUEUE, ALERT_DELIVERY_CRON, {}, { tz: JOB_TIME_ZONE });
    if (!(await boss.getQueue(OVERDUE_REGISTRATIONS_QUEUE))) {
      await boss.createQueue(OVERDUE_REGISTRATIONS_QUEUE, { name: OVERDUE_REGISTRATIONS_QUEUE, policy: "standard", retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 1800 });
    }
    await boss.schedule(OVERDUE_REGISTRATIONS_QUEUE, OVERDUE_REGISTRATIONS_CRON, {}, { tz: JOB_TIME_ZONE });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  // The app role (row-level security, docs/decisions/0008) works the queue with DML only.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = 'konbini_app'");
    if (rowCount) {
      await client.query(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO konbini_app`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO konbini_app`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO konbini_app`);
    }
  } finally {
    await client.end();
  }
}
