import { describe, expect, it } from "vitest";
import { asDatabaseUnavailable, isDatabaseUnavailable } from "./database-unavailable";

// The shapes below are what Prisma 6.19 with @prisma/adapter-pg threw against a stopped PostgreSQL
// (tests/integration/database-outage.test.ts reproduces the real thing).
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause });
const known = (code: string, cause: Record<string, unknown>) => Object.assign(new Error("Invalid invocation"), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: adapterError(cause) } });

describe("isDatabaseUnavailable", () => {
  it("recognises connection-level failures", () => {
    expect(isDatabaseUnavailable(known("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }))).toBe(true);
    expect(isDatabaseUnavailable(known("P2010", { kind: "DatabaseNotReachable" }))).toBe(true);
    expect(isDatabaseUnavailable(known("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(known("P2010", { kind: "postgres", code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(known("P2010", { kind: "postgres", code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(known("P1017", { kind: "ConnectionClosed" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("pool"), { code: "P2024" }))).toBe(true);
    // The transaction API when the database stalls: no connection within maxWait, or an expired transaction.
    expect(isDatabaseUnavailable(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(true);
    expect(isDatabaseUnavailable(adapterError({ kind: "SocketTimeout" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDatabaseUnavailable(known("P2002", { kind: "UniqueConstraintViolation" }))).toBe(false);
    expect(isDatabaseUnavailable(known("P2010", { kind: "postgres", code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(known("P2010", { kind: "postgres", code: "55P03" }))).toBe(false); // lock timeout: server_busy
    expect(isDatabaseUnavailable(known("P2034", { kind: "TransactionWriteConflict" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly, said the user"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("turns an outage into a retryable 503", () => {
    expect(asDatabaseUnavailable(new Error("nope"))).toBeNull();
    expect(asDatabaseUnavailable(known("P1001", { kind: "DatabaseNotReachable" }))).toMatchObject({ code: "database_unavailable", status: 503, details: { retryAfterSeconds: 5 } });
  });
});
