import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { beforeDeadline } from "@/lib/before-deadline";
import { getDb } from "../db";

/** A check that failed names itself in `failed`; a check that could not run (the database is down) is `ok: null`. */
export type Readiness = {
  status: "ready" | "not_ready";
  failed: Array<"database" | "migrations">;
  checks: {
    database: { ok: boolean; latencyMs: number | null; error?: string };
    migrations: { ok: boolean | null; expected: number | null; pending: string[]; error?: string };
  };
};

const TIMEOUT_MS = 3_000;

/**
 * The migrations this code expects: the directories of prisma/migrations that hold a migration.sql, as
 * `prisma migrate deploy` applies them. Read from the working directory, which is the project root under
 * `npm start` and `next start` (the render pool finds its worker the same way, server/pdf/render-pool.ts).
 */
export async function expectedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const present = await fs.access(path.join(dir, e.name, "migration.sql")).then(
      () => true,
      () => false,
    );
    if (present) names.push(e.name);
  }
  return names.sort();
}

const g = globalThis as unknown as { __releasedMigrations?: Promise<string[]> };

/** This release's migrations, read once per process: they do not change while it runs (a failed read is retried). */
function releasedMigrations(): Promise<string[]> {
  g.__releasedMigrations ??= expectedMigrations().catch((e: unknown) => {
    delete g.__releasedMigrations;
    throw e;
  });
  return g.__releasedMigrations;
}

/**
 * Whether this process should get traffic (GET /api/health/ready): the database answers, and every migration of
 * this code is finished in it. The app role cannot read `_prisma_migrations` (prisma/migrations/*_row_level_security);
 * it reads the finished names through app_finished_migrations(), a function owned by the migration owner
 * (prisma/migrations/*_app_finished_migrations). A migration finished in the database but unknown here (a newer
 * node migrated first, expand → migrate → contract) does not make this node unready.
 */
export async function checkReadiness(options: { migrationsDir?: string; timeoutMs?: number } = {}): Promise<Readiness> {
  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  const checks: Readiness["checks"] = {
    database: { ok: false, latencyMs: null },
    migrations: { ok: null, expected: null, pending: [] },
  };
  const started = performance.now();
  let hasFunction = false;
  try {
    const [row] = await beforeDeadline(
      timeout(),
      getDb().$queryRaw<{ present: boolean }[]>`SELECT to_regprocedure('public.app_finished_migrations()') IS NOT NULL AS present`,
      () => new DeadlineError(`no answer within ${options.timeoutMs ?? TIMEOUT_MS} ms`),
    );
    hasFunction = row?.present === true;
    checks.database = { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    checks.database = { ok: false, latencyMs: null, error: e instanceof DeadlineError ? e.message : "the database did not answer" };
  }
  if (checks.database.ok) checks.migrations = await checkMigrations(options.migrationsDir, hasFunction, timeout);
  const failed = (["database", "migrations"] as const).filter((k) => checks[k].ok === false);
  return { status: failed.length === 0 ? "ready" : "not_ready", failed: [...failed], checks };
}

async function checkMigrations(dir: string | undefined, hasFunction: boolean, timeout: () => AbortSignal): Promise<Readiness["checks"]["migrations"]> {
  let expected: string[];
  try {
    expected = await (dir === undefined ? releasedMigrations() : expectedMigrations(dir));
  } catch (e) {
    return { ok: false, expected: null, pending: [], error: `the migration directory could not be read (${(e as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (!hasFunction) {
    // The database predates app_finished_migrations(): at least the migration that creates it is pending.
    return { ok: false, expected: expected.length, pending: expected.filter((n) => n.endsWith("_app_finished_migrations")), error: "app_finished_migrations() is missing: migrations are pending" };
  }
  try {
    const rows = await beforeDeadline(
      timeout(),
      getDb().$queryRaw<{ name: string }[]>`SELECT name FROM app_finished_migrations() AS t(name)`,
      () => new DeadlineError("no answer in time"),
    );
    const finished = new Set(rows.map((r) => r.name));
    const pending = expected.filter((n) => !finished.has(n));
    return { ok: pending.length === 0, expected: expected.length, pending };
  } catch (e) {
    return { ok: false, expected: expected.length, pending: [], error: e instanceof DeadlineError ? e.message : "the finished migrations could not be read" };
  }
}

/** The probe's answer says what failed, never a driver message (which may name hosts); it is public like /api/healthz. */
class DeadlineError extends Error {}
