// The driver adapter the Prisma CLI uses for `migrate deploy` / `migrate diff` (prisma.config.ts).
// @prisma/adapter-pg runs a migration script by splitting it on ";", which breaks any statement with a
// semicolon inside it (a PL/pgSQL function body, a string literal). This wrapper sends the whole script as
// one simple-protocol query instead, which PostgreSQL runs statement by statement in one implicit
// transaction, so a failing migration also leaves nothing half-applied.
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

type Adapter = { executeScript(script: string): Promise<void>; onError(e: unknown): never };

export function createMigrationAdapter(pool: pg.Pool) {
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as unknown as Adapter;
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        adapter.onError(e);
      }
    };
    return adapter as never;
  };
  return factory;
}
