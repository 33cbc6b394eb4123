import "server-only";
import type pg from "pg";
import type { FeedContext, ImportLineError, StageColumn, StagedRow } from "./types";

// SQL helpers shared by the feeds. The import runs on its own pg connection inside one transaction; the
// staging table is temporary (never WAL-logged, dropped at commit or rollback).

export const STAGE = "import_stage";

/**
 * A UUIDv7 (the ids Prisma's uuid(7) makes) generated in SQL for set-based inserts: PostgreSQL 18 has
 * uuidv7(), but production may run PostgreSQL 14–17, so build it from gen_random_uuid() — the first 48 bits
 * become the Unix time in ms and the version nibble becomes 7 (bits 52 and 53 set over v4's 0100).
 */
export const UUID7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export async function createStageTable(client: pg.ClientBase, columns: readonly StageColumn[]): Promise<void> {
  const defs = columns.map((c) => `${c.name} ${c.type}`).join(", ");
  await client.query(`CREATE TEMP TABLE ${STAGE} (line int NOT NULL, op text NOT NULL${defs ? `, ${defs}` : ""}) ON COMMIT DROP`);
}

/** Inserts a batch with one statement: unnest over one array per column (no COPY package needed). */
export async function insertStageBatch(client: pg.ClientBase, columns: readonly StageColumn[], rows: readonly StagedRow[]): Promise<void> {
  if (!rows.length) return;
  const arrays: unknown[][] = [rows.map((r) => r.line), rows.map((r) => r.op)];
  for (const c of columns) {
    const values = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = c.value(rows[i]);
      values[i] = v === undefined ? null : c.type === "jsonb" && v !== null ? JSON.stringify(v) : v;
    }
    arrays.push(values);
  }
  const types = ["int", "text", ...columns.map((c) => c.type)];
  const names = ["line", "op", ...columns.map((c) => c.name)];
  await client.query(`INSERT INTO ${STAGE} (${names.join(", ")}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`, arrays);
}

export async function count(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params);
  return rows[0].n;
}

/** Runs a query returning (line, message) rows and turns them into errors for `column`. */
export async function lineErrors(client: pg.ClientBase, column: string | null, sql: string, params: unknown[] = [], limit = 100): Promise<ImportLineError[]> {
  const { rows } = await client.query<{ line: number; message: string }>(`SELECT line, message FROM (${sql}) AS q ORDER BY line LIMIT ${limit}`, params);
  return rows.map((r) => ({ line: r.line, column, message: r.message }));
}

/** Rows whose key repeats an earlier line: "<what>が N 行目と重複しています。" on each later line. */
export function duplicateErrors(client: pg.ClientBase, column: string, keys: readonly string[], what: string, where = "true"): Promise<ImportLineError[]> {
  const k = keys.join(", ");
  return lineErrors(
    client,
    column,
    `SELECT line, format('%sが%s行目と重複しています。', $1::text, first) AS message
       FROM (SELECT s.line, min(s.line) OVER (PARTITION BY ${k}) AS first FROM ${STAGE} s
              WHERE ${where} AND (${k}) IN (SELECT ${k} FROM ${STAGE} WHERE ${where} GROUP BY ${k} HAVING count(*) > 1)) d
      WHERE line <> first`,
    [what],
  );
}

/**
 * Runs `fn` (the import's row-locking statements) while holding the session-level advisory lock
 * "eligibility:<municipalityId>" exclusively, released right after — long before commit.
 *
 * Why: PostgreSQL lets a new FOR SHARE locker pass a waiting FOR UPDATE, so a steady overlap of issuances on
 * one household could keep an import waiting until its lock_timeout. Advisory locks queue fairly: once
 * issuance takes this key shared (pg_advisory_xact_lock_shared) before its FOR SHARE locks, a waiting import
 * stops new issuances of the municipality for the moment it needs to lock its rows. Until then the gate is
 * free and costs one round trip.
 */
export async function withEligibilityGate<T>(ctx: FeedContext, fn: () => Promise<T>): Promise<T> {
  const key = `eligibility:${ctx.municipalityId}`;
  await ctx.client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
  try {
    return await fn();
  } finally {
    // After an error the transaction is aborted and this fails; closing the connection releases the lock.
    await ctx.client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => undefined);
    // From here until commit, issuances of the locked households wait: runImport reports the window.
    ctx.state.lockedAt ??= performance.now();
  }
}

/**
 * Locks Resident rows FOR UPDATE in id order and stamps updatedAt. Issuance locks a household's residents
 * FOR SHARE (after the card, before the seals); taking them here, in the same order, before touching seals,
 * cards' holders' data or support measures makes an eligibility change wait for in-flight issuances and
 * every later issuance wait for this commit (docs/decisions/0004), without deadlocking against them.
 * `idsSql` is a query returning a column `id`.
 */
export async function lockAndTouchResidents(client: pg.ClientBase, idsSql: string, params: unknown[]): Promise<number> {
  const { rowCount } = await client.query(
    `WITH locked AS MATERIALIZED (SELECT id FROM "Resident" WHERE id IN (${idsSql}) ORDER BY id FOR UPDATE)
     UPDATE "Resident" r SET "updatedAt" = now() FROM locked WHERE r.id = locked.id`,
    params,
  );
  return rowCount ?? 0;
}

/** Locks rows of `table` FOR UPDATE in id order (and stamps updatedAt when the table has one). */
export async function lockRows(client: pg.ClientBase, table: string, idsSql: string, params: unknown[], touch = false): Promise<void> {
  if (touch) {
    await client.query(
      `WITH locked AS MATERIALIZED (SELECT id FROM "${table}" WHERE id IN (${idsSql}) ORDER BY id FOR UPDATE)
       UPDATE "${table}" t SET "updatedAt" = now() FROM locked WHERE t.id = locked.id`,
      params,
    );
  } else {
    await client.query(`SELECT id FROM "${table}" WHERE id IN (${idsSql}) ORDER BY id FOR UPDATE`, params);
  }
}
