// Background jobs (pg-boss): schema, queue names and schedules shared by the installer (run as the migrating
// database owner: scripts/lib/job-schema.ts) and the runtime runner (server/jobs/start-job-runner.ts).
import { JST_TIME_ZONE } from "./jst";

export const JOB_SCHEMA = "pgboss";
export const MONTHLY_REPORTS_QUEUE = "monthly-reports";
/** 01:30 JST on the 1st: the previous month's reports, after every completion of its last day has landed. */
export const MONTHLY_REPORTS_CRON = "30 1 1 * *";
export const JOB_TIME_ZONE = JST_TIME_ZONE;
/** Alert deliveries (docs/decisions/0016): every minute, the due e-mails and webhook calls, with backoff per delivery. */
export const ALERT_DELIVERY_QUEUE = "alert-delivery";
export const ALERT_DELIVERY_CRON = "* * * * *";
/** 08:00 JST daily: one alert for each 利用登録 application past its review due date. */
export const OVERDUE_REGISTRATIONS_QUEUE = "registration-overdue-alerts";
export const OVERDUE_REGISTRATIONS_CRON = "0 8 * * *";
