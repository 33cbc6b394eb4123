import "server-only";
import { AppError } from "../errors";
import { logger } from "../logger";

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
// surface unwrapped, so their codes and messages are recognised too. Anything else is not an outage.

/** Seconds a client is told to wait before retrying (a restart of PostgreSQL takes a few seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// P2028 (transaction API): no connection within maxWait, or the transaction outlived its timeout while a query
// waited — the database did not answer in time (a stalled connection or host, an exhausted pool). Seen in the
// fault harness's stall scenario (tests/faults), where it was a 500.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections;
// class 08 is "connection exception".
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
const PG_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

type Shape = { code?: unknown; message?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/** True when `e` (or what it wraps) says the database cannot be reached or dropped the connection. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length) {
    const x = queue.shift();
    if (!x || typeof x !== "object" || seen.has(x) || seen.size > 8) continue;
    seen.add(x);
    const s = x as Shape;
    const code = typeof s.code === "string" ? s.code : null;
    if (code && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof s.kind === "string" && ADAPTER_KINDS.has(s.kind)) return true;
    // The adapter's { kind: "postgres", code } cause, and pg's own errors that carry no code.
    if (typeof s.message === "string" && code === null && PG_MESSAGES.test(s.message)) return true;
    queue.push(s.cause, s.meta?.driverAdapterError);
  }
  return false;
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
