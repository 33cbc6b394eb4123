import "server-only";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { logger } from "../logger";
import { recordRefusals, type RefusalRecord } from "./record-refusals";

/**
 * Records a refused issuance AFTER its transaction rolled back (the refusal is thrown inside it), in a
 * transaction of its own under the same tenant scope. Never throws: the answer stays the refusal, and a
 * refusal that could not be recorded is logged by code only (no personal data).
 */
export async function recordIssuanceRefusal(ctx: RequestContext, refusal: RefusalRecord): Promise<void> {
  try {
    await withTenant(ctx, (tx) => recordRefusals(tx, [refusal]), { timeout: 5_000, maxWait: 5_000 });
  } catch (err) {
    logger.warn({ err: String(err), requestId: ctx.requestId, reason: refusal.reason }, "could not record a refused issuance");
  }
}
