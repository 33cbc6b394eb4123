import "server-only";
import { systemContext, type RequestContext } from "../context";
import type { Tx } from "../db";
import { withSystemScope, withTenant } from "../db/tenant";
import { writeAuditEvent } from "../audit/write-audit-event";
import { decryptBytes, decryptField, encryptBytes, encryptField, FieldContext, keyringFromEnv, KeyringError, type Keyring } from "./field-encryption";

// Key rotation of FIELD_ENCRYPTION_KEYS (docs/operations.md, "Key rotation"): after FIELD_ENCRYPTION_KEY_ID
// names a new key on every node, this job re-encrypts every envelope whose key id is not the current one,
// so the old key can be removed.
//
// - Per scope: each municipality inside its own tenant transaction (row-level security confines it), then the
//   rows without a municipality (operators, centre API clients) in the all-municipalities scope.
// - Per (table, column), in batches ordered by the row key, one short transaction per batch. The batch locks
//   its rows (FOR UPDATE, bounded by lock_timeout) and reads their value under the lock, so a concurrent
//   write by the app is never overwritten: a row the app changed meanwhile either already carries the current
//   key (and drops out of the selection when PostgreSQL re-checks it) or is re-encrypted from the app's new
//   value. Not SKIP LOCKED: a row locked by a writer of another column (a sign-in counter on StaffUser) would
//   be skipped while the checkpoint moved past it.
// - Resumable: the selection is "key id <> current", and a checkpoint (FieldReencryptionCheckpoint, written in
//   the batch's transaction) lets a restart continue after the last batch instead of rescanning. Running it
//   twice or concurrently is safe: the second run finds nothing left, or waits on the rows the first holds.
// - Audited: one event per batch in the scope's chain (the municipality's, or "system"), counts and key ids
//   only, and one summary event per run in the system chain when anything was re-encrypted.

export const JOB_NAME = "field-reencryption";
export const DEFAULT_BATCH_SIZE = 500;

type Target = {
  table: string;
  column: string;
  /** The column that repeats the envelope's key id, where the schema has one. */
  keyIdColumn?: string;
  /** The row key the batches are ordered by (a uuid). */
  rowKey: "id" | "municipalityId";
  /** Rows without a municipality exist (processed in the "system" scope). */
  nullableTenant?: boolean;
  bytes?: boolean;
  context: (row: { key: string; municipalityId: string | null }) => string;
};

/** Every encrypted column (grep encryptField( / encryptBytes( in server/) and the AAD it is bound to. */
export const ENCRYPTED_COLUMNS: readonly Target[] = [
  { table: "Resident", column: "myNumberCipher", keyIdColumn: "myNumberKeyId", rowKey: "id", context: () => FieldContext.myNumber },
  { table: "SupportMeasure", column: "detailsCipher", keyIdColumn: "detailsKeyId", rowKey: "id", context: () => FieldContext.supportMeasure },
  { table: "IssuanceBlock", column: "noteCipher", keyIdColumn: "noteKeyId", rowKey: "id", context: () => FieldContext.issuanceBlockNote },
  { table: "KosekiRegistration", column: "emailCipher", rowKey: "id", context: () => FieldContext.registrationEmail },
  { table: "StaffUser", column: "mfaSecretCipher", rowKey: "id", nullableTenant: true, context: () => FieldContext.mfaSecret },
  { table: "ApiClient", column: "secretCipher", rowKey: "id", nullableTenant: true, context: () => FieldContext.apiClientSecret },
  { table: "ApiClient", column: "previousSecretCipher", rowKey: "id", nullableTenant: true, context: () => FieldContext.apiClientSecret },
  { table: "AlertSettings", column: "webhookSecretCipher", rowKey: "municipalityId", context: (r) => FieldContext.alertWebhookSecret(r.municipalityId!) },
  { table: "Issuance", column: "pdf", rowKey: "id", bytes: true, context: (r) => FieldContext.issuancePdf(r.key) },
];

export type ColumnProgress = { table: string; column: string; reencrypted: number; fromKeyIds: Record<string, number> };
export type BatchProgress = { scope: string; table: string; column: string; rows: number; fromKeyIds: Record<string, number>; batches: number };

export type ReencryptOptions = {
  ring?: Keyring;
  batchSize?: number;
  /** Stop after this many batches (a planned interruption; the next run resumes). */
  maxBatches?: number;
  signal?: AbortSignal;
  /** Ignore the checkpoints and scan every row again (after a node wrote with an old key id by mistake). */
  restart?: boolean;
  /** Lock wait per batch before the batch fails (the run can simply be started again). */
  lockTimeoutMs?: number;
  onBatch?: (p: BatchProgress) => void;
};

export type ReencryptResult = { currentKeyId: string; batches: number; reencrypted: number; columns: ColumnProgress[]; complete: boolean };

const q = (name: string) => `"${name}"`;

/** SQL: the envelope's key id (text "v1.<kid>.…", bytes "FEB1" + length byte + kid). */
function keyIdSql(t: Target): string {
  const c = q(t.column);
  return t.bytes ? `convert_from(substring(${c} from 6 for get_byte(${c}, 4)), 'UTF8')` : `split_part(${c}, '.', 2)`;
}

type Scope = { name: string; municipalityId: string | null; ctx: RequestContext };

export async function reencryptFields(options: ReencryptOptions = {}): Promise<ReencryptResult> {
  const ring = options.ring ?? keyringFromEnv();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const columns = ENCRYPTED_COLUMNS.map((t) => ({ table: t.table, column: t.column, reencrypted: 0, fromKeyIds: {} as Record<string, number> }));
  let batches = 0;
  let stopped = false;

  const municipalities = await withSystemScope(JOB_NAME, (tx) => tx.municipality.findMany({ select: { id: true }, orderBy: { code: "asc" } }));
  const scopes: Scope[] = [
    ...municipalities.map((m) => ({ name: m.id, municipalityId: m.id, ctx: systemContext(JOB_NAME, m.id) })),
    { name: "system", municipalityId: null, ctx: systemContext(JOB_NAME) },
  ];

  outer: for (const scope of scopes) {
    for (const [i, t] of ENCRYPTED_COLUMNS.entries()) {
      if (scope.municipalityId === null && !t.nullableTenant) continue;
      for (;;) {
        if (options.signal?.aborted || (options.maxBatches !== undefined && batches >= options.maxBatches)) {
          stopped = true;
          break outer;
        }
        const done = await withTenant(scope.ctx, (tx) => reencryptBatch(tx, scope, t, ring, batchSize, options), { timeout: 120_000 });
        if (done.rows === 0) break;
        batches++;
        const p = columns[i];
        p.reencrypted += done.rows;
        for (const [kid, n] of Object.entries(done.fromKeyIds)) p.fromKeyIds[kid] = (p.fromKeyIds[kid] ?? 0) + n;
        options.onBatch?.({ scope: scope.name, table: t.table, column: t.column, rows: done.rows, fromKeyIds: done.fromKeyIds, batches });
        if (done.rows < batchSize) break;
      }
    }
  }

  const reencrypted = columns.reduce((s, c) => s + c.reencrypted, 0);
  const touched = columns.filter((c) => c.reencrypted > 0);
  if (reencrypted > 0) {
    const ctx = systemContext(JOB_NAME);
    await withSystemScope(JOB_NAME, (tx) =>
      writeAuditEvent(tx, ctx, {
        action: "field_encryption.reencryption_run",
        details: { toKeyId: ring.currentKeyId, batches, reencrypted, complete: !stopped, columns: touched.map((c) => ({ table: c.table, column: c.column, rows: c.reencrypted, fromKeyIds: c.fromKeyIds })) },
      }),
    );
  }
  return { currentKeyId: ring.currentKeyId, batches, reencrypted, columns: touched, complete: !stopped };
}

async function reencryptBatch(tx: Tx, scope: Scope, t: Target, ring: Keyring, batchSize: number, options: ReencryptOptions): Promise<{ rows: number; fromKeyIds: Record<string, number> }> {
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(options.lockTimeoutMs ?? 5_000))}`);
  const checkpoint = options.restart
    ? null
    : await tx.fieldReencryptionCheckpoint.findUnique({ where: { scope_tableName_columnName: { scope: scope.name, tableName: t.table, columnName: t.column } } });
  const after = checkpoint && checkpoint.toKeyId === ring.currentKeyId ? checkpoint.lastKey : null;
  const key = q(t.rowKey);
  const tenant = scope.municipalityId === null ? `"municipalityId" IS NULL` : `"municipalityId" = $3::uuid`;
  // Read under the row lock: PostgreSQL re-checks the condition on the newest version of a row it waited for.
  const rows = await tx.$queryRawUnsafe<{ key: string; municipalityId: string | null; value: string | Uint8Array }[]>(
    `SELECT ${key}::text AS key, "municipalityId"::text AS "municipalityId", ${q(t.column)} AS value
       FROM ${q(t.table)}
      WHERE ${tenant} AND ${q(t.column)} IS NOT NULL AND ${keyIdSql(t)} <> $1
        AND ($2::uuid IS NULL OR ${key} > $2::uuid)
      ORDER BY ${key}
      LIMIT ${batchSize}
        FOR UPDATE`,
    ring.currentKeyId,
    after,
    ...(scope.municipalityId === null ? [] : [scope.municipalityId]),
  );
  if (rows.length === 0) return { rows: 0, fromKeyIds: {} };

  const fromKeyIds: Record<string, number> = {};
  for (const row of rows) {
    const context = t.context(row);
    let kid: string;
    let next: string | Uint8Array;
    try {
      if (t.bytes) {
        const value = row.value as Uint8Array;
        kid = Buffer.from(value.subarray(5, 5 + value[4])).toString("ascii");
        next = encryptBytes(decryptBytes(value, context, ring), context, ring).cipher;
      } else {
        const value = row.value as string;
        kid = value.split(".")[1] ?? "";
        next = encryptField(decryptField(value, context, ring), context, ring).cipher;
      }
    } catch (e) {
      // Ids only: the envelope and its plaintext never reach the message.
      throw new KeyringError(`${t.table}.${t.column} row ${row.key} does not decrypt with the configured keys (${e instanceof Error ? e.message : String(e)})`);
    }
    fromKeyIds[kid] = (fromKeyIds[kid] ?? 0) + 1;
    if (t.keyIdColumn) {
      await tx.$executeRawUnsafe(`UPDATE ${q(t.table)} SET ${q(t.column)} = $1, ${q(t.keyIdColumn)} = $2 WHERE ${key} = $3::uuid`, next, ring.currentKeyId, row.key);
    } else {
      await tx.$executeRawUnsafe(`UPDATE ${q(t.table)} SET ${q(t.column)} = $1 WHERE ${key} = $2::uuid`, next, row.key);
    }
  }

  const lastKey = rows[rows.length - 1].key;
  await tx.fieldReencryptionCheckpoint.upsert({
    where: { scope_tableName_columnName: { scope: scope.name, tableName: t.table, columnName: t.column } },
    create: { scope: scope.name, municipalityId: scope.municipalityId, tableName: t.table, columnName: t.column, toKeyId: ring.currentKeyId, lastKey },
    update: { toKeyId: ring.currentKeyId, lastKey, updatedAt: new Date() },
  });
  await writeAuditEvent(tx, scope.ctx, {
    action: "field_encryption.reencrypted",
    targetType: t.table,
    details: { table: t.table, column: t.column, toKeyId: ring.currentKeyId, fromKeyIds, rows: rows.length },
  });
  return { rows: rows.length, fromKeyIds };
}

export type RemainingEnvelopes = { table: string; column: string; keyId: string; count: number; keyKnown: boolean }[];

/**
 * What is left to re-encrypt (the dry run and the verification after a run): envelopes per table, column and
 * key id that is not the current one, over every municipality, ignoring the checkpoints. Reads only.
 */
export async function countRemainingEnvelopes(ring: Keyring = keyringFromEnv()): Promise<RemainingEnvelopes> {
  return withSystemScope(JOB_NAME, async (tx) => {
    const out: RemainingEnvelopes = [];
    for (const t of ENCRYPTED_COLUMNS) {
      const rows = await tx.$queryRawUnsafe<{ keyId: string; count: number }[]>(
        `SELECT ${keyIdSql(t)} AS "keyId", count(*)::int AS count
           FROM ${q(t.table)}
          WHERE ${q(t.column)} IS NOT NULL AND ${keyIdSql(t)} <> $1
          GROUP BY 1 ORDER BY 1`,
        ring.currentKeyId,
      );
      for (const r of rows) out.push({ table: t.table, column: t.column, keyId: r.keyId, count: r.count, keyKnown: ring.keys.has(r.keyId) });
    }
    return out;
  }, { timeout: 600_000 });
}
