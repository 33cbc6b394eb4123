// The Prometheus metrics of the process (prom-client), read by GET /api/metrics (server/metrics/read-metrics.ts).
// One registry per process, kept on globalThis: Next bundles each route separately, so this module may be
// evaluated more than once in one process, and every copy must count into the same objects.
// Labels carry codes only — the certificate type's wire id, an error or refusal code, a feed name, an outcome —
// never a person, a municipality or an id (docs/operations.md, "Metrics"). The instrumented code calls the
// objects below in one line at the source. No "server-only": the import command and the benchmarks load the
// instrumented verbs outside Next.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Every metric name starts with it (the process metrics of prom-client too). */
export const METRIC_PREFIX = "konbini_";

/** Seconds: an issuance answers within ISSUANCE_TIMEOUT_MS (default 20 s; ≈ 0.1–0.5 s when served at once). */
const ISSUANCE_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20];
const ELIGIBILITY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: a delta of a few rows takes well under a second, a million-row full load a few minutes. */
const IMPORT_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800];

function create(registry: Registry) {
  const registers = [registry];
  const name = (n: string) => `${METRIC_PREFIX}${n}`;
  return {
    registry,
    issuanceDuration: new Histogram({
      name: name("issuance_duration_seconds"),
      help: "Issuance requests from arrival to answer, by certificate type and outcome (issued, refused, replay, error)",
      labelNames: ["type", "outcome"] as const,
      buckets: ISSUANCE_BUCKETS,
      registers,
    }),
    eligibilityDuration: new Histogram({
      name: name("eligibility_duration_seconds"),
      help: "Eligibility answers, by outcome (answered, error)",
      labelNames: ["outcome"] as const,
      buckets: ELIGIBILITY_BUCKETS,
      registers,
    }),
    refusals: new Counter({
      name: name("refusals_total"),
      help: "Refusals recorded, by refusal code and source (eligibility, issuance)",
      labelNames: ["code", "source"] as const,
      registers,
    }),
    admissionRunning: new Gauge({ name: name("issuance_admission_running"), help: "Issuances running past the admission gate", registers }),
    admissionQueued: new Gauge({ name: name("issuance_admission_queued"), help: "Issuances waiting at the admission gate (the queue depth)", registers }),
    admissionCapacity: new Gauge({ name: name("issuance_admission_capacity"), help: "Issuances the gate lets run at once (ISSUANCE_CONCURRENCY)", registers }),
    admissionRejections: new Counter({
      name: name("issuance_admission_rejections_total"),
      help: "Issuances refused at the admission gate, by code (server_busy: queue full; issuance_timeout: deadline reached while queued)",
      labelNames: ["code"] as const,
      registers,
    }),
    renderPoolSize: new Gauge({ name: name("render_pool_threads"), help: "PDF render worker threads started", registers }),
    renderPoolBusy: new Gauge({ name: name("render_pool_busy_threads"), help: "PDF render worker threads not idle (rendering, or still starting)", registers }),
    renderPoolQueued: new Gauge({ name: name("render_pool_queued_tasks"), help: "Renders waiting for a worker thread", registers }),
    dbPoolTotal: new Gauge({ name: name("db_pool_clients"), help: "Connections of the app's database pool (open)", registers }),
    dbPoolIdle: new Gauge({ name: name("db_pool_idle_clients"), help: "Connections of the app's database pool that are idle", registers }),
    dbPoolWaiting: new Gauge({ name: name("db_pool_waiting_requests"), help: "Requests waiting for a database pool connection", registers }),
    dbPoolMax: new Gauge({ name: name("db_pool_max_clients"), help: "The database pool's size limit (DB_POOL_MAX)", registers }),
    importDuration: new Histogram({
      name: name("import_duration_seconds"),
      help: "Back-office imports from the job's start to its end, by feed and outcome (succeeded, failed)",
      labelNames: ["feed", "outcome"] as const,
      buckets: IMPORT_BUCKETS,
      registers,
    }),
    importFailures: new Counter({
      name: name("import_failures_total"),
      help: "Failed back-office imports, by feed and code (import_rejected: invalid rows; removal_share_exceeded; lock_conflict: an issuance or another import held the rows; import_failed: system error)",
      labelNames: ["feed", "code"] as const,
      registers,
    }),
    noticesPending: new Gauge({
      name: name("notices_pending"),
      help: "Notices waiting to be sent, all municipalities, by kind (registration: 利用登録 notices to applicants; alert: alert deliveries)",
      labelNames: ["kind"] as const,
      registers,
    }),
    scrapeErrors: new Counter({
      name: name("metrics_collect_errors_total"),
      help: "Scrape-time readings that failed, by source (notices: the database did not answer)",
      labelNames: ["source"] as const,
      registers,
    }),
  };
}

export type KonbiniMetrics = ReturnType<typeof create>;

const g = globalThis as unknown as { __konbiniMetrics?: KonbiniMetrics };

/** The process's registry and metric objects (created on first use). */
export function konbiniMetrics(): KonbiniMetrics {
  return (g.__konbiniMetrics ??= create(new Registry()));
}

/** Seconds since `startedMs` (a `performance.now()` reading), for a histogram. */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}
