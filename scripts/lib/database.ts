// Shared by `npm start`, the db CLI and the test setup: resolve the database (embedded or DATABASE_URL),
// apply migrations with the Prisma CLI (bundled wasm engine), and tell whether it holds any data.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { installJobSchema } from "./job-schema";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
// KONBINI_DATA_DIR moves the local data (embedded cluster, dev secrets), e.g. for the e2e server.
export const DATA_DIR = process.env.KONBINI_DATA_DIR ? path.resolve(process.env.KONBINI_DATA_DIR) : path.join(ROOT, ".data");
export const APP_DATABASE = "konbini";

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/** Uses DATABASE_URL when set; otherwise starts the embedded cluster under .data/pg and sets DATABASE_URL. */
export async function resolveDatabase(log: (s: string) => void = console.log): Promise<{ url: string; embedded: RunningPostgres | null }> {
  if (process.env.DATABASE_URL) {
    log("[db] using DATABASE_URL");
    return { url: process.env.DATABASE_URL, embedded: null };
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg") });
  await ensureDatabase(embedded.url(), APP_DATABASE);
  const url = embedded.url(APP_DATABASE);
  process.env.DATABASE_URL = url;
  log(`[db] embedded PostgreSQL on port ${embedded.port} (${Date.now() - started} ms), data in ${path.relative(ROOT, path.join(DATA_DIR, "pg"))}`);
  return { url, embedded };
}

export function migrateDeploy(url: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** `prisma migrate deploy`, then the pg-boss schema, queues and schedules: everything that needs the owner. */
export async function migrateAll(url: string): Promise<void> {
  migrateDeploy(url);
  await installJobSchema(url);
}

export async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM "Municipality"');
    return rows[0].n === "0";
  } finally {
    await client.end();
  }
}
