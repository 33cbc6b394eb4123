import "server-only";
import { AppError } from "../errors";
import { logger } from "../logger";
import { classifyPgError } from "./pg-errors";

// A database outage (PostgreSQL stopped, restarting, unreachable, or closing our connections) is not a bug of
// the request: it is answered `503 database_unavailable` with Retry-After, like `server_busy`, and logged
// once per outage instead of once per request. What Prisma 6.19 with @prisma/adapter-pg throws was observed
// against a real PostgreSQL being stopped (tests/integration/database-outage.test.ts):
// - a query while the server is down: PrismaClientKnownRequestError P1001 (model queries, transactions) or
//   P2010 (raw queries), with meta.driverAdapterError.cause.kind "DatabaseNotReachable" (ECONNREFUSED);
// - a query or transaction running while the server shuts down or a backend is terminated: P2010 with
//   cause {kind: "postgres", code: "57P01"} ("terminating connection due to administrator command");
// - a reset socket: kind "ConnectionClosed" (P1017); a socket timeout: "SocketTimeout" (P1008); PostgreSQL
//   starting up or in recovery: {kind: "postgres", code: "57P03"}; a full server: "TooManyConnections" (P2037).
// Errors the adapter cannot convert (pg's "Connection terminated unexpectedly", node socket errors) may
// surface unwrapped, so their codes and messages are recognised too. Anything else is not an outage. The
// codes are read by the one classifier of database errors, server/db/pg-errors.ts.

/** Seconds a client is told to wait before retrying (a restart of PostgreSQL takes a few seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** True when `e` (or what it wraps) says the database cannot be reached or dropped the connection. */
export function isDatabaseUnavailable(e: unknown): boolean {
  return classifyPgError(e)?.kind === "unavailable";
}

type OutageState = { since: Date | null };
const g = globalThis as unknown as { __databaseOutage?: OutageState };
const state = (): OutageState => (g.__databaseOutage ??= { since: null });

/** Records a failure: the first one of an outage logs one warning; later ones are silent. */
export function noteDatabaseUnavailable(e: unknown): void {
  const s = state();
  if (s.since) return;
  s.since = new Date();
  const code = (e as { code?: unknown } | null)?.code;
  const err = e instanceof Error ? { message: e.message, ...(typeof code === "string" ? { code } : {}) } : String(e);
  logger.warn({ err }, "database unavailable: answering 503 database_unavailable until it answers again");
}

/** Called whenever a new database connection opens (server/db.ts): ends an outage with one info line. */
export function noteDatabaseReachable(): void {
  const s = state();
  if (!s.since) return;
  const seconds = Math.round((Date.now() - s.since.getTime()) / 1000);
  s.since = null;
  logger.info({ outageSeconds: seconds }, "database reachable again");
}

/** The AppError an outage is answered with (503, Retry-After), or null when `e` is not an outage. */
export function asDatabaseUnavailable(e: unknown): AppError | null {
  if (!isDatabaseUnavailable(e)) return null;
  noteDatabaseUnavailable(e);
  return new AppError("database_unavailable", "the database is temporarily unavailable; retry after Retry-After seconds", {
    details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    cause: e,
  });
}
