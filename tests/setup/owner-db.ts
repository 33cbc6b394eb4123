// The database owner's connection for test setup and assertions: factories write fixtures and tests read
// rows back through it, across tenants, while the code under test connects as the app role
// (DATABASE_URL = konbini_app), which row-level security applies to. Built like the seed's client
// (scripts/lib/run-seed.ts), without server/db.ts and its "server-only" import, so that the Playwright specs
// can use the same factories against the e2e server's database (tests/e2e/helpers/fixtures.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { createPgPool } from "@/server/db/pg-pool";
import { PrismaClient } from "@/server/generated/prisma/client";

type Db = PrismaClient;
const g = globalThis as unknown as { __ownerDb?: Db };

export function ownerDb(): Db {
  const url = process.env.OWNER_DATABASE_URL;
  if (!url) throw new Error("OWNER_DATABASE_URL is set by tests/setup/database.ts (or tests/e2e/helpers/fixtures.ts)");
  g.__ownerDb ??= new PrismaClient({ adapter: new PrismaPg(createPgPool(url, { max: 10 }), { disposeExternalPool: true }) });
  return g.__ownerDb;
}

export async function disconnectOwnerDb(): Promise<void> {
  if (g.__ownerDb) {
    await g.__ownerDb.$disconnect();
    delete g.__ownerDb;
  }
}
