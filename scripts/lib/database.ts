// Shared by `npm start`, the db CLI and the test setup: resolve the database (embedded or DATABASE_URL),
// apply migrations with the Prisma CLI (bundled wasm engine), and tell whether it holds any data.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { getEnv, rawEnv } from "../../server/env";
import { embeddedUrl, startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { installJobSchema } from "./job-schema";
import { readRunLock, removeRunLock, writeRunLock } from "./run-lock";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
// KONBINI_DATA_DIR moves the local data (embedded cluster, dev secrets), e.g. for the e2e server. Read raw (a
// free-form path): this runs at import, before the start script reports an invalid setting by name.
const dataDirSetting = rawEnv().KONBINI_DATA_DIR?.trim();
export const DATA_DIR = dataDirSetting ? path.resolve(dataDirSetting) : path.join(ROOT, ".data");
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

export type PrepareOptions = {
  /** The command asking, recorded as the cluster's owner in .data/run.json ("start", "import", …). */
  command: string;
  /**
   * When another live process (e.g. `npm start`) already runs the embedded cluster: "share" connects to it
   * (the default, for commands run beside the server), "refuse" stops with an error (a second `npm start`).
   */
  whenRunning?: "share" | "refuse";
  log?: (s: string) => void;
};

/** A second `npm start` (or a command that must own the cluster) while another process runs it. */
export class DataDirInUseError extends Error {}

/**
 * Finds the database, applies the migrations as the owner and works out the app's connection:
 *  - DATABASE_URL and MIGRATION_DATABASE_URL set (production): the app's and the owner's URLs as given;
 *  - DATABASE_URL only: the owner's URL; the app role is given LOGIN with `appPassword` on that server;
 *  - neither: the embedded cluster under .data/pg (its superuser is the owner), the app role as above.
 *    When a live process already runs that cluster (.data/run.json), it is shared or refused; a PostgreSQL
 *    left running by a process that died (kill -9) is stopped first, with a message.
 */
export async function prepareDatabase(appPassword: string, options: PrepareOptions): Promise<ResolvedDatabase> {
  const log = options.log ?? console.log;
  const { DATABASE_URL, MIGRATION_DATABASE_URL } = getEnv();
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
    const lock = readRunLock(DATA_DIR);
    const owner = lock?.pgPort ? { ...lock, pgPort: lock.pgPort } : null;
    if (owner && (options.whenRunning ?? "share") === "refuse") {
      throw new DataDirInUseError(
        `\`npm ${owner.command}\` (pid ${owner.pid}) is already running on ${path.relative(ROOT, DATA_DIR) || DATA_DIR} (PostgreSQL port ${owner.pgPort}${owner.appPort ? `, app port ${owner.appPort}` : ""}): stop it first (Ctrl-C in its terminal, or kill ${owner.pid}), or give this one another KONBINI_DATA_DIR`,
      );
    }
    if (owner) {
      log(`[db] using the embedded PostgreSQL of the running \`npm ${owner.command}\` (pid ${owner.pid}, port ${owner.pgPort})`);
      ownerUrl = embeddedUrl(owner.pgPort, APP_DATABASE);
    } else {
      const started = Date.now();
      embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), leftRunning: "stop", log: (l) => (l.startsWith("[db]") ? log(l) : undefined) });
      writeRunLock(DATA_DIR, { command: options.command, pgPort: embedded.port });
      const stopEmbedded = embedded.stop;
      embedded.stop = async () => {
        await stopEmbedded();
        removeRunLock(DATA_DIR);
      };
      await ensureDatabase(embedded.url(), APP_DATABASE);
      ownerUrl = embedded.url(APP_DATABASE);
      log(`[db] embedded PostgreSQL on port ${embedded.port} (${Date.now() - started} ms), data in ${path.relative(ROOT, path.join(DATA_DIR, "pg"))}`);
    }
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
