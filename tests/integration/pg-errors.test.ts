// Real PostgreSQL failures, raised through raw pg (as imports see them) and through Prisma with the pg adapter
// (as verbs see them), read by the one classifier of database errors (server/db/pg-errors.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyPgError, isLockConflict } from "@/server/db/pg-errors";
import { ownerDb } from "@/tests/setup/owner-db";

const url = () => {
  const u = process.env.OWNER_DATABASE_URL;
  if (!u) throw new Error("OWNER_DATABASE_URL is set by tests/setup/database.ts");
  return u;
};

const clients: pg.Client[] = [];
async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url() });
  c.on("error", () => {}); // a terminated backend emits an error event besides failing the query
  await c.connect();
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  const c = await connect();
  await c.query(`CREATE TABLE pg_errors_probe (k int CONSTRAINT pg_errors_probe_pkey PRIMARY KEY, v int NOT NULL)`);
  await c.query(`INSERT INTO pg_errors_probe VALUES (1, 0), (2, 0)`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
});

describe("classifyPgError on real PostgreSQL errors", () => {
  it("reads a unique violation and its constraint from pg and from Prisma", async () => {
    const c = await connect();
    const raw = await rejection(c.query(`INSERT INTO pg_errors_probe VALUES (1, 0)`));
    expect(classifyPgError(raw)).toEqual({ kind: "unique_violation", code: "23505", constraint: "pg_errors_probe_pkey" });

    const db = ownerDb();
    const viaRaw = await rejection(db.$executeRawUnsafe(`INSERT INTO pg_errors_probe VALUES (2, 0)`));
    // The adapter names the index's fields rather than the constraint.
    expect(classifyPgError(viaRaw)).toEqual({ kind: "unique_violation", code: "23505", constraint: "k" });

    // The audit chain's second guard: (chain, seq) is unique.
    const row = { chain: "pg-errors-probe", seq: 1, actorType: "system" as const, action: "test.event", prevHash: "0", hash: "1" };
    await db.auditEvent.create({ data: row });
    const viaModel = await rejection(db.auditEvent.create({ data: row }));
    expect(classifyPgError(viaModel)).toEqual({ kind: "unique_violation", code: "P2002", constraint: "chain,seq" });
  });

  it("reads a serialization failure (a concurrent update under REPEATABLE READ)", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await a.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await a.query("SELECT v FROM pg_errors_probe WHERE k = 1");
    await b.query("UPDATE pg_errors_probe SET v = v + 1 WHERE k = 1");
    const e = await rejection(a.query("UPDATE pg_errors_probe SET v = v + 1 WHERE k = 1"));
    await a.query("ROLLBACK");
    expect(classifyPgError(e)).toEqual({ kind: "serialization_failure", code: "40001", constraint: null });
    expect(isLockConflict(e)).toBe(true);
  });

  it("reads a deadlock", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await a.query("BEGIN");
    await b.query("BEGIN");
    await a.query("SELECT 1 FROM pg_errors_probe WHERE k = 1 FOR UPDATE");
    await b.query("SELECT 1 FROM pg_errors_probe WHERE k = 2 FOR UPDATE");
    // Each now waits for the other; PostgreSQL aborts one of them after deadlock_timeout (1 s).
    const outcomes = await Promise.allSettled([
      a.query("SELECT 1 FROM pg_errors_probe WHERE k = 2 FOR UPDATE"),
      b.query("SELECT 1 FROM pg_errors_probe WHERE k = 1 FOR UPDATE"),
    ]);
    await Promise.all([a.query("ROLLBACK"), b.query("ROLLBACK")]);
    const failed = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(failed).toHaveLength(1);
    expect(classifyPgError(failed[0])).toEqual({ kind: "deadlock", code: "40P01", constraint: null });
    expect(isLockConflict(failed[0])).toBe(true);
  });

  it("reads a lock timeout from pg and from Prisma", async () => {
    const holder = await connect();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM pg_errors_probe WHERE k = 1 FOR UPDATE");
    try {
      const c = await connect();
      await c.query("BEGIN");
      await c.query("SET LOCAL lock_timeout = '100ms'");
      const raw = await rejection(c.query("SELECT 1 FROM pg_errors_probe WHERE k = 1 FOR UPDATE"));
      await c.query("ROLLBACK");
      expect(classifyPgError(raw)).toEqual({ kind: "lock_timeout", code: "55P03", constraint: null });
      expect(isLockConflict(raw)).toBe(true);

      const viaPrisma = await rejection(
        ownerDb().$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL lock_timeout = '100ms'");
          await tx.$queryRawUnsafe("SELECT 1 FROM pg_errors_probe WHERE k = 1 FOR UPDATE");
        }),
      );
      expect(classifyPgError(viaPrisma)).toEqual({ kind: "lock_timeout", code: "55P03", constraint: null });
    } finally {
      await holder.query("ROLLBACK");
    }
  });

  it("reads a terminated backend and a refused connection as unavailable", async () => {
    const [victim, killer] = await Promise.all([connect(), connect()]);
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await killer.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    const terminated = await rejection(victim.query("SELECT 1"));
    expect(classifyPgError(terminated)).toEqual({ kind: "unavailable", code: "57P01", constraint: null });
    expect(isLockConflict(terminated)).toBe(false);

    // Port 1 on the loopback interface: nothing listens there.
    const refusedUrl = new URL(url());
    refusedUrl.port = "1";
    const refused = await rejection(new pg.Client({ connectionString: refusedUrl.toString() }).connect());
    expect(classifyPgError(refused)).toMatchObject({ kind: "unavailable", code: "ECONNREFUSED" });
  });

  it("reads other errors as none of the kinds", async () => {
    const c = await connect();
    const e = await rejection(c.query("SELECT * FROM no_such_table"));
    expect(classifyPgError(e)).toBeNull();
    expect(isLockConflict(e)).toBe(false);
  });
});
