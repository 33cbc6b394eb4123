import "server-only";

// One reading of what PostgreSQL (through pg, or Prisma 6.19 with @prisma/adapter-pg) threw. The same
// failure reaches the code in several wrappings: pg's DatabaseError ({ code: SQLSTATE, constraint }), the
// adapter's DriverAdapterError whose cause is { kind: "postgres", code, originalCode } or a named kind
// ("DatabaseNotReachable", "UniqueConstraintViolation", …), Prisma's PrismaClientKnownRequestError
// ({ code: "P…", meta: { driverAdapterError, target } }), and node's socket errors ({ code: "ECONNREFUSED" }).
// classifyPgError walks the error, its `cause` and `meta.driverAdapterError` (outermost first) and answers
// with the first wrapping it recognises. The shapes were observed against a real PostgreSQL:
// tests/integration/pg-errors.test.ts and tests/integration/database-outage.test.ts reproduce them.

export type PgErrorKind =
  /** 23505, P2002: a unique index refused the row. */
  | "unique_violation"
  /** 40001, P2034: a concurrent update under REPEATABLE READ / SERIALIZABLE; retry the transaction. */
  | "serialization_failure"
  /** 40P01: deadlock_detected; retry the transaction. */
  | "deadlock"
  /** 55P03: lock_not_available (lock_timeout, NOWAIT); nothing was done, retry later. */
  | "lock_timeout"
  /** The database cannot be reached, is shutting down or starting, or dropped the connection. */
  | "unavailable";

export type PgErrorClass = {
  kind: PgErrorKind;
  /** The SQLSTATE, Prisma code, adapter kind or socket code the kind was read from. */
  code: string;
  /** For a unique violation: the constraint (pg) or the fields of the index (Prisma), when known. */
  constraint: string | null;
};

// P2028 (transaction API): no connection within maxWait, or the transaction outlived its timeout while a query
// waited — the database did not answer in time (a stalled connection or host, an exhausted pool). Seen in the
// fault harness's stall scenario (tests/faults), where it was a 500.
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections;
// class 08 is "connection exception". 25006 read_only_sql_transaction: a write reached a standby — behind
// HAProxy, a connection opened to the old primary in the seconds between its demotion and the health check
// marking it down (docs/operations.md, failover). Nothing was written; the retry reaches the new primary.
const SQLSTATE_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300|25006)$/;
const SOCKET_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
// pg's own errors that carry no code.
const PG_UNAVAILABLE_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;
const LOCK_TIMEOUT_MESSAGE = /lock timeout|lock_not_available/i;

const BY_CODE: Record<string, PgErrorKind> = {
  "23505": "unique_violation",
  P2002: "unique_violation",
  UniqueConstraintViolation: "unique_violation",
  "40001": "serialization_failure",
  P2034: "serialization_failure",
  TransactionWriteConflict: "serialization_failure",
  "40P01": "deadlock",
  "55P03": "lock_timeout",
};

type Shape = {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  constraint?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown; target?: unknown };
};

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The constraint a unique violation names: pg's `constraint`, Prisma's `meta.target`, the adapter's `constraint.fields|index`. */
function constraintOf(s: Shape): string | null {
  const target = s.meta?.target ?? s.constraint;
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return target.join(",");
  if (target && typeof target === "object") {
    const c = target as { fields?: unknown; index?: unknown };
    if (Array.isArray(c.fields)) return c.fields.join(",");
    if (typeof c.index === "string") return c.index;
  }
  return null;
}

function classifyOne(s: Shape): PgErrorClass | null {
  const code = str(s.code);
  const kind = str(s.kind);
  for (const c of [code, str(s.originalCode), kind]) {
    if (c === null) continue;
    const known = BY_CODE[c];
    if (known) return { kind: known, code: c, constraint: known === "unique_violation" ? constraintOf(s) : null };
    if (PRISMA_UNAVAILABLE.has(c) || SQLSTATE_UNAVAILABLE.test(c) || SOCKET_UNAVAILABLE.has(c) || ADAPTER_UNAVAILABLE.has(c)) {
      return { kind: "unavailable", code: c, constraint: null };
    }
  }
  const message = str(s.message);
  if (message !== null && code === null && PG_UNAVAILABLE_MESSAGES.test(message)) return { kind: "unavailable", code: message, constraint: null };
  // A lock timeout wrapped in an error that kept only PostgreSQL's message ("canceling statement due to lock timeout").
  if (message !== null && LOCK_TIMEOUT_MESSAGE.test(message)) return { kind: "lock_timeout", code: "55P03", constraint: null };
  return null;
}

/** What kind of database failure `e` (or what it wraps) is, or null when it is none of the kinds above. */
export function classifyPgError(e: unknown): PgErrorClass | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length) {
    const x = queue.shift();
    if (!x || typeof x !== "object" || seen.has(x) || seen.size > 8) continue;
    seen.add(x);
    const s = x as Shape;
    const found = classifyOne(s);
    if (found) {
      // Prisma's P2002 names the fields in meta.target only sometimes; the adapter error it wraps names them too.
      if (found.kind === "unique_violation" && found.constraint === null) {
        const inner = s.meta?.driverAdapterError ? classifyPgError(s.meta.driverAdapterError) : null;
        if (inner?.kind === "unique_violation") return { ...found, constraint: inner.constraint };
      }
      return found;
    }
    queue.push(s.cause, s.meta?.driverAdapterError);
  }
  return null;
}

/** True when `e` is a failure that a retry of the whole transaction may cure: lock timeout, deadlock, serialization failure. */
export function isLockConflict(e: unknown): boolean {
  const kind = classifyPgError(e)?.kind;
  return kind === "lock_timeout" || kind === "deadlock" || kind === "serialization_failure";
}
