import "server-only";
import type pg from "pg";
import type { Tx } from "../db";

// Each import job is guarded by a PostgreSQL advisory lock keyed on its id. The import's dedicated connection
// takes it at session level before the job row is created and keeps it until the job is closed; PostgreSQL
// releases it when that connection ends — including when its process is killed. Whoever can take the lock
// knows that no live process is running the job. Advisory locks are not subject to row-level security, so
// the app role (konbini_app) takes and tests them like any other session.

export function importJobLockKey(jobId: string): string {
  return `import-job:${jobId}`;
}

/** Session-level: held by the import's own connection for the job's whole life. */
export async function holdImportJobLock(client: pg.ClientBase, jobId: string): Promise<void> {
  await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [importJobLockKey(jobId)]);
}

/**
 * Transaction-level try: true when no live session holds the job's lock (its process is gone). Held until the
 * caller's transaction ends, so the job cannot be picked up meanwhile.
 */
export async function tryTakeImportJobLock(tx: Tx, jobId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ ok: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtextextended(${importJobLockKey(jobId)}, 0)) AS ok`;
  return rows[0]?.ok === true;
}
