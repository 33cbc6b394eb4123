import "server-only";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { getEnv } from "../env";
import { withSystemScope } from "../db/tenant";
import { sweepInterruptedImports } from "../imports/sweep-interrupted-imports";
import { expireRenderedPdfs } from "../issuance/expire-rendered-pdfs";
import { flagReregistrations } from "../koseki-registration/flag-reregistrations";
import { logger } from "../logger";
import { deliverPendingNotices, type DeliveryResult } from "../notices/deliver-notices";
import { pruneRateLimits } from "../public/rate-limit";
import { purgeRefusals } from "../refusals/purge-refusals";
import { SIGNATURE_WINDOW_SECONDS } from "../kiosk-protocol/http-signatures";
import { removeOrphanUploadDirs } from "./remove-orphan-upload-dirs";

const globalForMaintenance = globalThis as unknown as { __maintenance?: NodeJS.Timeout };

/**
 * One pass: delete expired PDFs (the hash stays) and signature nonces that can never be valid again; flag
 * koseki registrations whose card certificate was revoked or renewed; send (or retry) pending notices;
 * drop old public throttle windows; close import jobs whose process died (interrupted) and remove upload spool
 * directories of dead processes; delete refusals past REFUSAL_RETENTION_DAYS (the first pass runs 5 s after start, so both happen at every start too).
 */
export async function runMaintenance(now = new Date()): Promise<{
  expiredPdfs: number;
  prunedNonces: number;
  reregistrations: number;
  notices: DeliveryResult;
  interruptedImports: number;
  orphanUploads: number;
  purgedRefusals: number;
}> {
  const expiredPdfs = await expireRenderedPdfs(now);
  const { count: prunedNonces } = await withSystemScope("maintenance", (tx) =>
    tx.apiNonce.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000) } } }),
  );
  const { flagged: reregistrations } = await flagReregistrations({ now });
  const notices = await deliverPendingNotices({ now });
  await pruneRateLimits(now);
  const { interrupted: interruptedImports } = await sweepInterruptedImports(now);
  const orphanUploads = await removeOrphanUploadDirs(); // file ages are on the real clock, not the pass's `now`
  const purgedRefusals = await purgeRefusals(now);
  return { expiredPdfs, prunedNonces, reregistrations, notices, interruptedImports, orphanUploads, purgedRefusals };
}

/** Started once per server process (instrumentation.ts). Every process may run it: each pass is idempotent. */
export function startMaintenance(): void {
  if (globalForMaintenance.__maintenance) return;
  const tick = () =>
    runMaintenance()
      .then((r) => (r.expiredPdfs || r.prunedNonces || r.reregistrations || r.notices.sent || r.notices.retrying || r.notices.failed || r.interruptedImports || r.orphanUploads || r.purgedRefusals ? logger.info(r, "maintenance") : undefined))
      // During a database outage the outage itself is logged once (server/db/database-unavailable.ts); a pass
      // that fails for that reason is simply tried again at the next tick.
      .catch((e) => (isDatabaseUnavailable(e) ? undefined : logger.warn({ err: String(e) }, "maintenance pass failed")));
  globalForMaintenance.__maintenance = setInterval(tick, getEnv().MAINTENANCE_INTERVAL_MS);
  globalForMaintenance.__maintenance.unref();
  setTimeout(tick, 5_000).unref();
}
