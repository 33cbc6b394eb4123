import { describe, expect, it } from "vitest";
import { classifyPgError, isLockConflict } from "./pg-errors";

// Wrappings of Prisma 6.19 with @prisma/adapter-pg, as tests/integration/pg-errors.test.ts observed them.
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause });
const known = (code: string, cause: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  Object.assign(new Error("Invalid invocation"), { name: "PrismaClientKnownRequestError", code, meta: { ...meta, driverAdapterError: adapterError(cause) } });

describe("classifyPgError", () => {
  it("reads pg's DatabaseError by its SQLSTATE, with the constraint of a unique violation", () => {
    const pgError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error("x"), { code, severity: "ERROR", ...extra });
    expect(classifyPgError(pgError("23505", { constraint: "Municipality_code_key" }))).toEqual({ kind: "unique_violation", code: "23505", constraint: "Municipality_code_key" });
    expect(classifyPgError(pgError("40001"))).toEqual({ kind: "serialization_failure", code: "40001", constraint: null });
    expect(classifyPgError(pgError("40P01"))).toEqual({ kind: "deadlock", code: "40P01", constraint: null });
    expect(classifyPgError(pgError("55P03"))).toEqual({ kind: "lock_timeout", code: "55P03", constraint: null });
    expect(classifyPgError(pgError("57P01"))).toEqual({ kind: "unavailable", code: "57P01", constraint: null });
    expect(classifyPgError(pgError("08006"))?.kind).toBe("unavailable");
    // A write that reached a demoted primary (now a standby) behind HAProxy during a failover.
    expect(classifyPgError(pgError("25006"))).toEqual({ kind: "unavailable", code: "25006", constraint: null });
    expect(classifyPgError(pgError("42P01"))).toBeNull();
  });

  it("reads Prisma's codes and the adapter error they wrap", () => {
    const unique = { originalCode: "23505", kind: "UniqueConstraintViolation", constraint: { fields: ["chain", "seq"] } };
    expect(classifyPgError(known("P2002", unique))).toEqual({ kind: "unique_violation", code: "P2002", constraint: "chain,seq" });
    expect(classifyPgError(known("P2002", unique, { target: ["code"] }))).toEqual({ kind: "unique_violation", code: "P2002", constraint: "code" });
    expect(classifyPgError(known("P2010", unique))).toEqual({ kind: "unique_violation", code: "23505", constraint: "chain,seq" });
    expect(classifyPgError(known("P2034", { kind: "TransactionWriteConflict" }))).toMatchObject({ kind: "serialization_failure", code: "P2034" });
    expect(classifyPgError(known("P2010", { kind: "postgres", code: "40P01", originalCode: "40P01" }))).toMatchObject({ kind: "deadlock" });
    expect(classifyPgError(known("P2010", { kind: "postgres", code: "55P03", originalCode: "55P03" }))).toMatchObject({ kind: "lock_timeout" });
    expect(classifyPgError(known("P1001", { kind: "DatabaseNotReachable" }))).toMatchObject({ kind: "unavailable", code: "P1001" });
    expect(classifyPgError(adapterError({ kind: "SocketTimeout" }))).toMatchObject({ kind: "unavailable", code: "SocketTimeout" });
  });

  it("reads a lock timeout that kept only PostgreSQL's message, however deep", () => {
    const inner = new Error("canceling statement due to lock timeout");
    expect(classifyPgError(new Error("outer", { cause: new Error("middle", { cause: inner }) }))).toMatchObject({ kind: "lock_timeout", code: "55P03" });
  });

  it("answers null for anything else", () => {
    expect(classifyPgError(new TypeError("x is undefined"))).toBeNull();
    expect(classifyPgError(null)).toBeNull();
    expect(classifyPgError("23505")).toBeNull();
    expect(classifyPgError(known("P2025", { kind: "RecordNotFound" }))).toBeNull();
  });

  it("stops on a cycle of causes", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(classifyPgError(a)).toBeNull();
  });
});

describe("isLockConflict", () => {
  it("is true for the failures a later retry may cure and false for the rest", () => {
    for (const code of ["55P03", "40P01", "40001"]) expect(isLockConflict({ code })).toBe(true);
    for (const code of ["23505", "57P01", "42P01"]) expect(isLockConflict({ code })).toBe(false);
    expect(isLockConflict(undefined)).toBe(false);
  });
});
