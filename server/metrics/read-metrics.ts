import "server-only";
import { collectDefaultMetrics } from "prom-client";
import { dbPoolStats } from "../db";
import { issuanceGate } from "../issuance/admission";
import { logger } from "../logger";
import { renderPoolStats } from "../pdf/render-pool";
import { countPendingNotices } from "./count-pending-notices";
import { METRIC_PREFIX, konbiniMetrics } from "./metrics";

const g = globalThis as unknown as { __konbiniProcessMetrics?: boolean };

/**
 * The Prometheus exposition of this process: the counters and histograms the verbs keep (server/metrics/metrics.ts),
 * the gauges read now (admission gate, render pool, database pool, pending notices) and prom-client's process
 * metrics. Authorization is the route's (server/metrics/authorize-metrics.ts).
 */
export async function readMetrics(): Promise<{ body: string; contentType: string }> {
  const m = konbiniMetrics();
  if (!g.__konbiniProcessMetrics) {
    // Registered on the first scrape, not at import: a command-line tool that loads a verb gets no collectors.
    collectDefaultMetrics({ register: m.registry, prefix: METRIC_PREFIX });
    g.__konbiniProcessMetrics = true;
  }
  const gate = issuanceGate();
  m.admissionRunning.set(gate.running);
  m.admissionQueued.set(gate.queued);
  m.admissionCapacity.set(gate.capacity);
  const render = renderPoolStats() ?? { threads: 0, busy: 0, queued: 0 };
  m.renderPoolSize.set(render.threads);
  m.renderPoolBusy.set(render.busy);
  m.renderPoolQueued.set(render.queued);
  const db = dbPoolStats();
  if (db) {
    m.dbPoolTotal.set(db.total);
    m.dbPoolIdle.set(db.idle);
    m.dbPoolWaiting.set(db.waiting);
    m.dbPoolMax.set(db.max);
  }
  try {
    const pending = await countPendingNotices();
    m.noticesPending.set({ kind: "registration" }, pending.registration);
    m.noticesPending.set({ kind: "alert" }, pending.alert);
  } catch (e) {
    // No stale figure: the series is absent while the database does not answer, and the failure is counted.
    m.noticesPending.reset();
    m.scrapeErrors.inc({ source: "notices" });
    logger.warn({ err: e instanceof Error ? e.message : String(e) }, "metrics: the pending notices could not be counted");
  }
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
