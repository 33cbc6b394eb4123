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

/** The PostgreSQL role the app connects as (created by the row-level security migration; no BYPASSRLS). */
export const APP_ROLE = "konbini_app";

export type ResolvedDatabase = {
  /** The owner's connection: migrations and the demo seed. */
  ownerUrl: string;
  /** The app's connection as APP_ROLE, subject to row-level security. */
  appUrl: string;
  embedded: RunningPostgres | null;
};

/**
 * Finds the database, applies the migrations as the owner and works out the app's connection:
 *  - DATABASE_URL and MIGRATION_DATABASE_URL set (production): the app's and the owner's URLs as given;
 *  - DATABASE_URL only: the owner's URL; the app role is given LOGIN with `appPassword` on that server;
 *  - neither: the embedded cluster under .data/pg (its superuser is the owner), the app role as above.
 */
export async function prepareDatabase(appPassword: string, log: (s: string) => void = console.log): Promise<ResolvedDatabase> {
  const { DATABASE_URL, MIGRATION_DATABASE_URL } = process.env;
  let ownerUrl: string;
  let embedded: RunningPostgres | null = null;
  if (DATABASE_URL && MIGRATION_DATABASE_URL) {
    log("[db] using MIGRATION_DATABASE_URL for migrations and DATABASE_URL for the app");
    await migrateAll(MIGRATION_DATABASE_URL);
    return { ownerUrl: MIGRATION_DATABASE_URL, appUrl: DATABASE_URL, embedded: null };
  }
  if (DATABASE_URL) {
    log("[db] using DATABASE_URL (as the owner; the app connects as " + APP_ROLE + ")");
    ownerUrl = DATABASE_URL;
  } else {
    const started = Date.now();
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg") });
    await ensureDatabase(embedded.url(), APP_DATABASE);
    ownerUrl = embedded.url(APP_DATABASE);
    log(`[db] embedded PostgreSQL on port ${embedded.port} (${Date.now() - started} ms), data in ${path.relative(ROOT, path.join(DATA_DIR, "pg"))}`);
  }
  try {
    await migrateAll(ownerUrl);
    const appUrl = await enableAppLogin(ownerUrl, appPassword);
    return { ownerUrl, appUrl, embedded };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

/** Lets APP_ROLE log in with `password` (needs a superuser or CREATEROLE owner) and returns its URL. */
export async function enableAppLogin(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
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
