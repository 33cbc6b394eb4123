import "server-only";
import type pg from "pg";
import type { z } from "zod";
import type { ImportFeedName, ImportLineError, ImportModeName } from "@/lib/import-feeds";
import type { Keyring } from "../crypto/field-encryption";

export type { ImportLineError };

/** One column of a feed's layout (docs/import-formats.md is checked against these lists). */
export type ColumnDef = {
  /** JSON Lines key, also accepted as a CSV header. */
  key: string;
  /** Japanese CSV header. */
  label: string;
  /** Required on add/update rows (remove rows need only the key columns). */
  required: boolean;
};

/** A data row as read from the file: every column of the feed, trimmed, "" when empty or absent. */
export type RawRecord = { line: number; values: Record<string, string> };

/** The operation a row asks for. Full loads only upsert; absent rows are removed afterwards. */
export type RowOp = "upsert" | "remove";

/** A validated row ready for the staging table. */
export type StagedRow = { line: number; op: RowOp } & Record<string, unknown>;

export type StageColumn = {
  /** Column of the temporary staging table. */
  name: string;
  /** PostgreSQL element type (the batch is inserted with unnest($n::<type>[])). */
  type: "text" | "int" | "bool" | "date" | "timestamptz" | "bytea" | "jsonb";
  value: (row: StagedRow) => unknown;
};

export type ImportCounts = { inserted: number; updated: number; removed: number };

/** What a feed's hooks get: the import's own connection (inside its one transaction) and the job's scope. */
export type FeedContext = {
  client: pg.ClientBase;
  municipalityId: string;
  mode: ImportModeName;
  now: Date;
  keyring: Keyring;
  /** SQL that makes a UUIDv7 (uuidv7() on PostgreSQL 18+, an equivalent expression before). */
  uuid7: string;
  /** Per-import scratch space for a feed (e.g. whether the municipality has any residents yet). */
  state: Record<string, unknown>;
};

/**
 * One feed: its layout, row schemas (Japanese messages), staging columns, the set-level checks run on the
 * staged file, and the set-based apply. Every apply that changes eligibility locks and updates the
 * affected Resident rows first, in id order (docs/decisions/0004 and docs/import-formats.md §安全性).
 */
export type FeedDefinition = {
  feed: ImportFeedName;
  columns: readonly ColumnDef[];
  /** The feed has no 異動区分 (add/update/remove) column: its rows are events (the 異動 feed). */
  noOpColumn?: boolean;
  /** Columns that identify a row (a remove row carries only these). */
  keyColumns: readonly string[];
  /** Validates an add/update row; the output's keys are read by the stage columns. */
  upsertSchema: z.ZodType<Record<string, unknown>>;
  /** Validates a remove row (key columns only). */
  removeSchema: z.ZodType<Record<string, unknown>>;
  stageColumns: readonly StageColumn[];
  /** Rows per staging INSERT (smaller for feeds with images). */
  batchSize?: number;
  /** Work on a batch before it is staged, e.g. encrypting 個人番号 (may query through ctx.client). */
  prepareBatch?: (rows: StagedRow[], ctx: FeedContext) => Promise<void>;
  /** Set-level checks on the staged rows (duplicates, references): line-numbered errors, first ones only. */
  validate: (ctx: FeedContext) => Promise<ImportLineError[]>;
  apply: (ctx: FeedContext) => Promise<ImportCounts>;
  /**
   * A feed whose full load removes (or marks removed) the rows absent from the file: SQL over the staged file
   * ($1 = the municipality id) selecting the feed's current rows, and the rows the load would remove. The
   * removal guard (server/imports/removal-guard.ts) compares the two before anything is locked or written.
   */
  fullLoadRemoval?: { currentSql: string; removedSql: string };
};
