// The database owner's connection for test setup and assertions: factories write fixtures and tests read
// rows back through it, across tenants, while the code under test connects as the app role
// (DATABASE_URL = konbini_app), which row-level security applies to.
import { createDb, type Db } from "@/server/db";

const g = globalThis as unknown as { __ownerDb?: Db };

export function ownerDb(): Db {
  const url = process.env.OWNER_DATABASE_URL;
  if (!url) throw new Error("OWNER_DATABASE_URL is set by tests/setup/database.ts");
  g.__ownerDb ??= createDb(url, 10);
  return g.__ownerDb;
}

export async function disconnectOwnerDb(): Promise<void> {
  if (g.__ownerDb) {
    await g.__ownerDb.$disconnect();
    delete g.__ownerDb;
  }
}
