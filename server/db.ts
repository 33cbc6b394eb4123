import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool } from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { noteDatabaseReachable } from "./db/database-unavailable";
import { createPgPool } from "./db/pg-pool";
import { getEnv, requireEnv } from "./env";

// One client per process (hot reload in dev would otherwise open a pool per edit).
// __dbPools: each client's pg pool, for the pool metrics (server/metrics/read-metrics.ts); on globalThis because
// route bundles may each hold a copy of this module.
const globalForDb = globalThis as unknown as { __db?: PrismaClient; __dbPools?: WeakMap<PrismaClient, Pool> };

export function createDb(url: string, poolMax = 10): PrismaClient {
  const pool = createPgPool(url, { max: poolMax });
  // A connection that opens ends a database outage (logged once, server/db/database-unavailable.ts).
  pool.on("connect", noteDatabaseReachable);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  (globalForDb.__dbPools ??= new WeakMap()).set(db, pool);
  return db;
}

/** The connections of the process's client (getDb), counted by pg; null before the first database use. */
export function dbPoolStats(): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = globalForDb.__db && globalForDb.__dbPools?.get(globalForDb.__db);
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

export function getDb(): PrismaClient {
  if (!globalForDb.__db) {
    globalForDb.__db = createDb(requireEnv("DATABASE_URL"), getEnv().DB_POOL_MAX);
  }
  return globalForDb.__db;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
