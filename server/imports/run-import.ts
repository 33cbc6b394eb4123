import "server-only";
import { can } from "@/lib/permissions";
import crypto from "node:crypto";
import { pipeline, Transform, type Readable } from "node:stream";
import pg from "pg";
import {
  MAX_REPORTED_ERRORS,
  REMOVAL_SHARE_EXCEEDED,
  removalShareMessage,
  ZImportOptions,
  type ImportEncoding,
  type ImportFeedName,
  type ImportFormat,
  type ImportJobSummary,
  type ImportModeName,
  type ImportOptions,
  type RemovalCheck,
} from "@/lib/import-feeds";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { keyringFromEnv } from "../crypto/field-encryption";
import { isLockConflict } from "../db/pg-errors";
import { withTenant } from "../db/tenant";
import { requireEnv } from "../env";
import { AppError } from "../errors";
import { parseInput, type ValidationError } from "../parse-input";
import type { ImportSource } from "../generated/prisma/enums";
import { logger } from "../logger";
import { flagReregistrations } from "../koseki-registration/flag-reregistrations";
import { japaneseIssue, printable, unstorable } from "./columns";
import { FEEDS, OP_COLUMN } from "./feeds";
import { jobSummary, storedErrors } from "./job-summary";
import { readRecords } from "./read-records";
import { holdImportJobLock } from "./import-job-lock";
import { measureFullLoadRemovals } from "./removal-guard";
import { createStageTable, insertStageBatch, STAGE, UUID7 } from "./sql";
import type { FeedContext, FeedDefinition, ImportCounts, ImportLineError, RowOp, StagedRow } from "./types";
import { writeImportAuditEvent } from "./write-import-audit";
import { raiseAlert } from "../alerts/raise-alert";
import { konbiniMetrics, secondsSince } from "../metrics/metrics";

export type ImportProgress = { phase: "reading" | "checking" | "applying" | "done"; rowsRead: number; bytesRead: number };

export type RunImportArgs = {
  ctx: RequestContext;
  municipalityId: string;
  feed: ImportFeedName | string;
  mode: ImportModeName | string;
  format?: ImportFormat | string;
  encoding?: ImportEncoding | string;
  source: ImportSource;
  input: Readable;
  fileName?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /**
   * The operator confirmed that this full load may remove more than the municipality's share of the feed's
   * rows (`--confirm-removals`, `confirmRemovals=1`, the portal's confirmation); without it such a load is
   * refused with `removal_share_exceeded` and nothing is written.
   */
  confirmRemovals?: boolean;
  now?: Date;
  /** Test seam: runs inside the transaction after the apply, before the audit event and the commit. */
  beforeCommit?: () => Promise<void>;
};

export type ImportResult = ImportJobSummary & {
  /** When the data became visible (null when nothing was committed). */
  committedAt: Date | null;
  /** How long rows whose eligibility changed were locked before the commit (null: none were). */
  lockedMs: number | null;
};

const OPS: Record<string, RowOp> = { add: "upsert", update: "upsert", remove: "remove", 追加: "upsert", 更新: "upsert", 削除: "remove", A: "upsert", U: "upsert", D: "remove" };

/** Staff (municipal_admin of the municipality, or an operator), a confined API client, or a command-line (system) actor. */
export function authorizeImport(ctx: RequestContext, municipalityId: string): void {
  const a = ctx.actor;
  const ok =
    (a.type === "staff" && can(a.role, "imports:run") && (can(a.role, "all-municipalities") || a.municipalityId === municipalityId)) ||
    (a.type === "api_client" && a.municipalityId !== null && a.municipalityId === municipalityId) ||
    a.type === "system";
  if (!ok) throw new AppError("forbidden", "this actor may not import data into this municipality");
}

class RowErrors {
  readonly list: ImportLineError[] = [];
  total = 0;
  add(e: ImportLineError) {
    this.total++;
    if (this.list.length < MAX_REPORTED_ERRORS) this.list.push(e);
  }
}

/** A bad import option's `detail`: the schema's messages (lib/import-feeds.ts), as the import API documents it. */
export const joinedMessages = (errors: ValidationError[]): string => errors.map((e) => e.message).join(" ");

/**
 * Imports one back-office file into one municipality, all or nothing, recorded as an ImportJob:
 * 1. stream the file (decode, parse, validate each row with line-numbered Japanese messages) into a
 *    temporary staging table, inside ONE transaction on a dedicated connection;
 * 2. if any row is invalid, or a set-level check fails (duplicates, unknown residents …), roll back and
 *    record the job as failed with the first errors — nothing is imported;
 * 3. otherwise apply with set-based SQL (only rows that differ are written, so a re-import changes nothing),
 *    locking the Resident rows whose eligibility changes first (docs/decisions/0004), audit, commit.
 */
export async function runImport(args: RunImportArgs): Promise<ImportResult> {
  const options = parseInput(ZImportOptions, { feed: args.feed, mode: args.mode, format: args.format, encoding: args.encoding }, joinedMessages);
  authorizeImport(args.ctx, args.municipalityId);
  // The import's dedicated connection. Before the job row exists, it takes the job's session-level advisory
  // lock and holds it until the job is closed: while this process lives the lock says "running"; when the
  // process is killed, PostgreSQL drops the connection and the lock with it, and the sweep
  // (sweep-interrupted-imports.ts) may then close the job as interrupted.
  const client = new pg.Client({ connectionString: requireEnv("DATABASE_URL"), application_name: "konbini-import" });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT (${UUID7})::text AS id`);
    await holdImportJobLock(client, rows[0].id);
    return await importAsJob({ args, options, client, jobId: rows[0].id });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** runImport once its connection holds the job's lock: records the job, stages, checks, applies, closes the job. */
async function importAsJob({ args, options, client, jobId }: { args: RunImportArgs; options: ImportOptions; client: pg.Client; jobId: string }): Promise<ImportResult> {
  // Prisma work (the job row, a failure's audit event) runs tenant-scoped like every staff verb.
  const tenantCtx: RequestContext = { ...args.ctx, municipalityId: args.municipalityId };
  const feed = FEEDS[options.feed];
  const startedAt = new Date();
  const startedMs = performance.now();
  const job = await withTenant(tenantCtx, async (tx) => {
    const municipality = await tx.municipality.findUnique({ where: { id: args.municipalityId }, select: { id: true } });
    if (!municipality) throw new AppError("not_found", "no such municipality");
    return tx.importJob.create({
      data: {
        id: jobId,
        municipalityId: args.municipalityId,
        feed: options.feed,
        mode: options.mode,
        source: args.source,
        status: "running",
        fileName: args.fileName ? printable(args.fileName).slice(0, 255) : null,
        encoding: `${options.format}/${options.encoding}`,
        createdById: args.ctx.actor.type === "staff" ? args.ctx.actor.id : null,
        startedAt,
      },
    });
  });
  const log = logger.child({ importJobId: job.id, feed: options.feed, mode: options.mode, source: args.source, municipalityId: args.municipalityId });
  const errors = new RowErrors();
  const progress: ImportProgress = { phase: "reading", rowsRead: 0, bytesRead: 0 };
  const report = (phase?: ImportProgress["phase"]) => {
    if (phase) progress.phase = phase;
    try {
      args.onProgress?.({ ...progress });
    } catch {
      // a progress listener never aborts an import
    }
  };

  let rowsTotal = 0;
  let fileSha256: string | null = null;
  let counts: ImportCounts = { inserted: 0, updated: 0, removed: 0 };
  let committedAt: Date | null = null;
  let lockedMs: number | null = null;
  let refusal: { code: string; details: RemovalCheck } | null = null;
  let open = false;
  try {
    // The staging table lives in temp buffers; must be set before the session's first temporary table.
    await client.query("SET temp_buffers = '64MB'");
    // timestamp(3) columns hold UTC (as Prisma writes them): now() and CURRENT_TIMESTAMP must convert to UTC.
    await client.query("SET TIME ZONE 'UTC'");
    await client.query("BEGIN");
    open = true;
    // The tenant for row-level security (as server/db/tenant.ts sets it for Prisma transactions).
    await client.query("SELECT set_config('app.municipality_id', $1, true), set_config('app.all_municipalities', 'off', true)", [args.municipalityId]);
    await client.query("SET LOCAL work_mem = '64MB'");
    // Wait behind in-flight issuances (≤ ISSUANCE_TIMEOUT_MS each), never indefinitely.
    await client.query("SET LOCAL lock_timeout = '60s'");
    // One import per municipality at a time: later feeds read what earlier ones wrote (seals → residents).
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`import:${args.municipalityId}`]);
    await createStageTable(client, feed.stageColumns);
    const version = await client.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    const fctx: FeedContext = {
      client,
      municipalityId: args.municipalityId,
      mode: options.mode,
      now: args.now ?? new Date(),
      keyring: keyringFromEnv(),
      uuid7: version.rows[0].v >= 180000 ? "uuidv7()" : UUID7,
      state: {},
    };

    const read = await stageFile({ args, feed, fctx, options, errors, progress, report });
    rowsTotal = read.rowsTotal;
    fileSha256 = read.sha256;

    if (errors.total === 0 && options.mode === "full" && rowsTotal === 0) {
      errors.add({ line: null, column: null, message: "データ行がありません。全件取込では空のファイルを受け付けません（全件削除になるため）。" });
    }
    if (errors.total === 0) {
      report("checking");
      await client.query(`ANALYZE ${STAGE}`);
      for (const e of await feed.validate(fctx)) errors.add(e);
    }
    // The removal guard: a valid full file that would remove too much of what is there is refused (rolled
    // back like an invalid one) unless the operator confirmed it; counted before anything is locked.
    const removal = errors.total === 0 ? await measureFullLoadRemovals(feed, fctx, rowsTotal) : null;
    if (removal?.exceeded && !args.confirmRemovals) {
      refusal = { code: REMOVAL_SHARE_EXCEEDED, details: removal.check };
      errors.add({ line: null, column: null, message: removalShareMessage(options.feed, removal.check) });
      log.warn({ ...removal.check }, "full load refused: removal share over the limit");
    }
    if (errors.total > 0) {
      await client.query("ROLLBACK");
      open = false;
    } else {
      report("applying");
      counts = await feed.apply(fctx);
      await args.beforeCommit?.();
      await writeImportAuditEvent(client, { ...args.ctx, municipalityId: args.municipalityId }, {
        action: "import.succeeded",
        targetType: "ImportJob",
        targetId: job.id,
        details: { feed: options.feed, mode: options.mode, source: args.source, rowsTotal, ...counts, ...(removal?.exceeded ? { removalsConfirmed: removal.check } : {}) },
      });
      await client.query("COMMIT");
      open = false;
      committedAt = new Date();
      const lockedAt = fctx.state.lockedAt as number | undefined;
      lockedMs = lockedAt === undefined ? null : Math.round(performance.now() - lockedAt);
    }
  } catch (e) {
    if (open) await client.query("ROLLBACK").catch(() => undefined);
    open = false;
    const conflict = isLockConflict(e);
    errors.add({
      line: null,
      column: null,
      message: conflict
        ? "発行処理や他の取込と競合したため取り込めませんでした。時間をおいて再実行してください。"
        : "取込中にシステムエラーが発生したため、何も取り込んでいません。",
    });
    log.error({ err: errorForLog(e) }, "import aborted");
    konbiniMetrics().importDuration.observe({ feed: options.feed, outcome: "failed" }, secondsSince(startedMs));
    konbiniMetrics().importFailures.inc({ feed: options.feed, code: conflict ? "lock_conflict" : "import_failed" });
    const failed = await finishJob({ args, jobId: job.id, status: "failed", rowsTotal, counts, errors, fileSha256, feedName: options.feed, mode: options.mode, refusal: null });
    if (!conflict) throw new AppError("import_failed", "the import failed and nothing was imported", { cause: e, details: { jobId: job.id } });
    return { ...failed, committedAt: null, lockedMs: null };
  }

  const status = committedAt ? "succeeded" : "failed";
  let summary: ImportJobSummary;
  try {
    summary = await finishJob({ args, jobId: job.id, status, rowsTotal, counts, errors, fileSha256, feedName: options.feed, mode: options.mode, refusal });
  } catch (e) {
    if (!committedAt) throw e;
    // The data is committed and audited; only the job row could not be closed. Report what happened.
    log.error({ err: errorForLog(e) }, "import committed but its job row could not be updated");
    summary = { jobId: job.id, feed: options.feed, mode: options.mode, status, errorCode: null, removalCheck: null, fileName: job.fileName, rowsTotal, rowsInserted: counts.inserted, rowsUpdated: counts.updated, rowsRemoved: counts.removed, errorCount: 0, errors: [], startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() };
  }
  log.info({ status, rowsTotal, ...counts, errorCount: errors.total, ms: Date.now() - startedAt.getTime(), lockedMs }, "import finished");
  konbiniMetrics().importDuration.observe({ feed: options.feed, outcome: status }, secondsSince(startedMs));
  if (!committedAt) konbiniMetrics().importFailures.inc({ feed: options.feed, code: refusal?.code ?? "import_rejected" });
  if (committedAt && options.feed === "card_certificates") {
    // Registrations at 本籍地 municipalities bound to a certificate revoked or renewed by this import
    // (their own tenants, so after this import's commit); the maintenance pass retries on failure.
    await flagReregistrations({ residenceMunicipalityId: args.municipalityId }).catch((e) => log.warn({ err: errorForLog(e) }, "re-registration sweep after the card import failed"));
  }
  report("done");
  return { ...summary, committedAt, lockedMs };
}

/** Pass 1: read, validate and stage every row (one batch in flight while the next is parsed). */
async function stageFile(s: {
  args: RunImportArgs;
  feed: FeedDefinition;
  fctx: FeedContext;
  options: { format: ImportFormat; encoding: ImportEncoding; mode: ImportModeName };
  errors: RowErrors;
  progress: ImportProgress;
  report: () => void;
}): Promise<{ rowsTotal: number; sha256: string | null }> {
  const { feed, fctx, options, errors, progress } = s;
  const hash = crypto.createHash("sha256");
  let complete = false;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      progress.bytesRead += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      complete = true;
      cb();
    },
  });
  const source = pipeline(s.args.input, meter, () => {});
  const hasOp = !feed.noOpColumn;
  const columns = hasOp ? [OP_COLUMN, ...feed.columns] : feed.columns;
  const labelOf = new Map(columns.map((c) => [c.key, c.label]));
  // A full file carries every required column; a delta file at least 異動区分 and the key columns (remove
  // rows need nothing else; an add/update row missing a required value is reported on its line).
  const requiredKeys = hasOp && options.mode === "delta"
      ? ["op", ...feed.keyColumns.filter((k) => feed.columns.some((c) => c.key === k && c.required))] : feed.columns.filter((c) => c.required).map((c) => c.key);
  const batchSize = feed.batchSize ?? 5000;

  let batch: StagedRow[] = [];
  let inflight: Promise<void> | null = null;
  const flush = async () => {
    if (inflight) await inflight;
    const rows = batch;
    batch = [];
    if (!rows.length) return;
    const work = (async () => {
      await feed.prepareBatch?.(rows, fctx);
      await insertStageBatch(fctx.client, feed.stageColumns, rows);
    })();
    // Awaited at the next flush; the no-op handler keeps an early failure from being "unhandled" meanwhile.
    work.catch(() => undefined);
    inflight = work;
  };

  let rowsTotal = 0;
  for await (const item of readRecords(source, { format: options.format, encoding: options.encoding, columns, requiredKeys })) {
    if ("error" in item) {
      // A broken data row still counts as a row; a header problem (CSV line 1) does not.
      if (item.line !== null && !(options.format === "csv" && item.line === 1)) rowsTotal++;
      errors.add(item.error);
      continue;
    }
    rowsTotal++;
    progress.rowsRead = rowsTotal;
    if (rowsTotal % 5000 === 0) s.report();
    const { line, values } = item;
    // A value the database cannot store (NUL) is refused on its line before the column's own rules.
    let unusable = false;
    for (const [key, v] of Object.entries(values)) {
      const message = unstorable(v);
      if (message) {
        errors.add({ line, column: labelOf.get(key) ?? null, message });
        unusable = true;
      }
    }
    if (unusable) continue;
    let op: RowOp = "upsert";
    if (hasOp) {
      const raw = values.op;
      if (options.mode === "full") {
        if (raw !== "" && OPS[raw] !== "upsert") {
          errors.add({ line, column: OP_COLUMN.label, message: "全件取込では異動区分に削除を指定できません（ファイルにない行が削除扱いになります）。" });
          continue;
        }
      } else {
        const mapped = OPS[raw];
        if (!mapped) {
          errors.add({ line, column: OP_COLUMN.label, message: "差分取込では異動区分に add・update・remove（追加・更新・削除）のいずれかを入力してください。" });
          continue;
        }
        op = mapped;
      }
    }
    const parsed = (op === "remove" ? feed.removeSchema : feed.upsertSchema).safeParse(values, { error: japaneseIssue });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        errors.add({ line, column: labelOf.get(key) ?? null, message: issue.message });
      }
      continue;
    }
    // After the first error nothing will be imported: keep reading only to report the other lines.
    if (errors.total > 0) continue;
    const row = parsed.data as StagedRow;
    row.line = line;
    row.op = op;
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  if (errors.total === 0) await flush();
  if (inflight) await inflight;
  s.report();
  return { rowsTotal, sha256: complete ? hash.digest("hex") : null };
}

/** What may be logged of an error: PostgreSQL messages can quote the offending value, so only codes for them. */
function errorForLog(e: unknown) {
  if (e && typeof e === "object" && "code" in e && "routine" in e) {
    const pgError = e as { code?: string; constraint?: string; routine?: string; table?: string };
    return { name: "DatabaseError", code: pgError.code, constraint: pgError.constraint, table: pgError.table, routine: pgError.routine };
  }
  return e instanceof Error ? { name: e.name, message: e.message } : { name: typeof e };
}

async function finishJob(f: {
  args: RunImportArgs;
  jobId: string;
  status: "succeeded" | "failed";
  rowsTotal: number;
  counts: ImportCounts;
  errors: RowErrors;
  fileSha256: string | null;
  feedName: ImportFeedName;
  mode: ImportModeName;
  /** A job-level refusal (the removal guard) with its figures. */
  refusal: { code: string; details: RemovalCheck } | null;
}): Promise<ImportJobSummary> {
  const data = {
    status: f.status,
    rowsTotal: f.rowsTotal,
    rowsInserted: f.counts.inserted,
    rowsUpdated: f.counts.updated,
    rowsRemoved: f.counts.removed,
    errors: storedErrors(f.errors.list, f.errors.total) as object,
    fileSha256: f.fileSha256,
    errorCode: f.refusal?.code ?? null,
    ...(f.refusal ? { errorDetails: f.refusal.details as object } : {}),
    finishedAt: new Date(),
  };
  const row = await withTenant({ ...f.args.ctx, municipalityId: f.args.municipalityId }, async (tx) => {
    const updated = await tx.importJob.update({ where: { id: f.jobId }, data });
    // A successful import was audited inside its own transaction; a failed one changed nothing, and its
    // audit event says so, with counts only (no personal data).
    if (f.status === "failed") {
      await writeAuditEvent(tx, { ...f.args.ctx, municipalityId: f.args.municipalityId }, {
        action: "import.failed",
        targetType: "ImportJob",
        targetId: f.jobId,
        details: {
          feed: f.feedName,
          mode: f.mode,
          source: f.args.source,
          rowsTotal: f.rowsTotal,
          errorCount: f.errors.total,
          ...(f.refusal ? { errorCode: f.refusal.code, ...f.refusal.details } : {}),
        },
      });
      // The municipality's recipients are told (docs/decisions/0016), in the same transaction; counts only.
      await raiseAlert(tx, {
        municipalityId: f.args.municipalityId,
        kind: "import_failed",
        dedupeKey: `import:${f.jobId}`,
        payload: { importJobId: f.jobId, feed: f.feedName, mode: f.mode, source: f.args.source, rowsTotal: f.rowsTotal, errorCount: f.errors.total, errorCode: f.refusal?.code ?? null },
        now: f.args.now ?? data.finishedAt,
      });
    }
    return updated;
  });
  return jobSummary(row);
}
