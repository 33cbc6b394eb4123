import "server-only";
import { AppError } from "../errors";

/** Seconds a centre is told to wait before retrying an issuance that missed its deadline (with the same key). */
export const ISSUANCE_TIMEOUT_RETRY_AFTER_SECONDS = 5;

/**
 * The one `503 issuance_timeout`: the deadline (ISSUANCE_TIMEOUT_MS) passed while waiting for a slot, rendering or
 * the database; nothing was issued. Retryable with the same Idempotency-Key, so it carries Retry-After like
 * server_busy and database_unavailable.
 */
export function issuanceTimeout(message: string, cause?: unknown): AppError {
  return new AppError("issuance_timeout", message, { details: { retryAfterSeconds: ISSUANCE_TIMEOUT_RETRY_AFTER_SECONDS }, cause });
}
