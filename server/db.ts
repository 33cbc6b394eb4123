import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { noteDatabaseReachable } from "./db/database-unavailable";
import { createPgPool } from "./db/pg-pool";
import { getEnv, requireEnv } from "./env";

// One client per process (hot reload in dev would otherwise open a pool per edit).
const globalForDb = globalThis as unknown as { __db?: PrismaClient };

export function createDb(url: string, poolMax = 10): PrismaClient {
  const pool = createPgPool(url, { max: poolMax });
  // A connection that opens ends a database outage (logged once, server/db/database-unavailable.ts).
  pool.on("connect", noteDatabaseReachable);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export function getDb(): PrismaClient {
  if (!globalForDb.__db) {
    globalForDb.__db = createDb(requireEnv("DATABASE_URL"), getEnv().DB_POOL_MAX);
  }
  return globalForDb.__db;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
