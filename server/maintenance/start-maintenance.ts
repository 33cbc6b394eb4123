import "server-only";
import { withSystemScope } from "../db/tenant";
import { expireRenderedPdfs } from "../issuance/expire-rendered-pdfs";
import { logger } from "../logger";
import { SIGNATURE_WINDOW_SECONDS } from "../kiosk-protocol/http-signatures";

const INTERVAL_MS = Number(process.env.MAINTENANCE_INTERVAL_MS ?? 5 * 60_000);
const globalForMaintenance = globalThis as unknown as { __maintenance?: NodeJS.Timeout };

/** One pass: delete expired PDFs (the hash stays) and signature nonces that can never be valid again. */
export async function runMaintenance(now = new Date()): Promise<{ expiredPdfs: number; prunedNonces: number }> {
  const expiredPdfs = await expireRenderedPdfs(now);
  const { count: prunedNonces } = await withSystemScope("maintenance", (tx) =>
    tx.apiNonce.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000) } } }),
  );
  return { expiredPdfs, prunedNonces };
}

/** Started once per server process (instrumentation.ts). Every process may run it: each pass is idempotent. */
export function startMaintenance(): void {
  if (globalForMaintenance.__maintenance) return;
  const tick = () =>
    runMaintenance()
      .then((r) => (r.expiredPdfs || r.prunedNonces ? logger.info(r, "maintenance") : undefined))
      .catch((e) => logger.warn({ err: String(e) }, "maintenance pass failed"));
  globalForMaintenance.__maintenance = setInterval(tick, INTERVAL_MS);
  globalForMaintenance.__maintenance.unref();
  setTimeout(tick, 5_000).unref();
}
