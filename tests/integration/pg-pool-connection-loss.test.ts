// A pooled connection that dies while checked out must give its slot back: Prisma's pg adapter does not release
// a transaction's connection when the ROLLBACK fails on the dead connection, and after a few PostgreSQL restarts
// under load every slot was held by a dead client and the app hung (tests/faults "db-restart" --full).
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPgPool } from "@/server/db/pg-pool";

const pool = createPgPool(process.env.DATABASE_URL!, { max: 2 });
afterAll(() => pool.end());

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms (the pool is starved)`)), ms))]);
}

describe("a pooled connection lost while in use", () => {
  it("leaves the pool: the next query gets a new connection even though its user never released it", async () => {
    const leaked = [await pool.connect(), await pool.connect()]; // every slot checked out, never released
    const owner = new pg.Client({ connectionString: process.env.OWNER_DATABASE_URL });
    await owner.connect();
    try {
      const pids = leaked.map((c) => (c as unknown as { processID: number }).processID);
      await owner.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    } finally {
      await owner.end();
    }
    const { rows } = await within(5_000, pool.query<{ one: number }>("SELECT 1 AS one"));
    expect(rows[0].one).toBe(1);
    // The user's late release is harmless (no double-release error).
    for (const c of leaked) expect(() => c.release()).not.toThrow();
  });
});
