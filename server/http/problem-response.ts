import "server-only";
import { PROBLEM_CONTENT_TYPE } from "@/lib/problem-details";
import { asDatabaseUnavailable } from "../db/database-unavailable";
import { logger } from "../logger";
import { isAppError, toProblem } from "../errors";

export { PROBLEM_CONTENT_TYPE };

/**
 * The edge mapping of any error to an RFC 9457 response. A database outage becomes 503 database_unavailable
 * (logged once per outage, not per request); other unknown errors are logged (without request data) and hidden.
 */
export function problemResponse(thrown: unknown, instance?: string): Response {
  const e = isAppError(thrown) ? thrown : (asDatabaseUnavailable(thrown) ?? thrown);
  const problem = toProblem(e, instance);
  if (!isAppError(e)) {
    logger.error({ err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e), instance }, "unhandled error");
  }
  const headers: Record<string, string> = { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store" };
  // A 503 that tells when to come back (server_busy, database_unavailable) says it in the standard header too.
  const retryAfter = isAppError(e) ? e.details?.retryAfterSeconds : undefined;
  if (typeof retryAfter === "number") headers["Retry-After"] = String(Math.max(1, Math.ceil(retryAfter)));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
