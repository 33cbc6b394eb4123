import "server-only";
import type { RemovalCheck } from "@/lib/import-feeds";
import type { FeedContext, FeedDefinition } from "./types";

// The full-load removal guard (docs/import-formats.md §2). A full file that is truncated, filtered or taken
// from the wrong extract looks valid row by row, yet would mark most of the municipality's residents 転出 (or
// revoke its cards, delete its seals …) in one commit. Such a load is refused unless the operator confirms
// the removals. The limit is the municipality's (Municipality.importRemovalLimitPercent, default 5 %): the
// same share means very different things for a village and a city, so it is a tenant setting, not an
// environment variable of the whole instance.

/** The figures of a load, and whether they exceed the limit. Pure: unit-tested beside this file. */
export function evaluateRemovalShare(f: { current: number; removed: number; rowsInFile: number; limitPercent: number }): { check: RemovalCheck; exceeded: boolean } {
  const share = f.current > 0 ? (f.removed / f.current) * 100 : 0;
  // Two decimals for display; the comparison uses the exact ratio (removed × 100 > limit × current).
  const check: RemovalCheck = { current: f.current, rowsInFile: f.rowsInFile, removed: f.removed, sharePercent: Math.round(share * 100) / 100, limitPercent: f.limitPercent };
  return { check, exceeded: f.removed > 0 && f.removed * 100 > f.limitPercent * f.current };
}

/**
 * Counts, on the import's connection (inside its transaction, over the staged file), the feed's current rows
 * and those a full load would remove, and reads the municipality's limit. Locks nothing. Null for a delta
 * load or a feed whose full load removes nothing.
 */
export async function measureFullLoadRemovals(feed: FeedDefinition, ctx: FeedContext, rowsInFile: number): Promise<{ check: RemovalCheck; exceeded: boolean } | null> {
  if (ctx.mode !== "full" || !feed.fullLoadRemoval) return null;
  const { currentSql, removedSql } = feed.fullLoadRemoval;
  const { rows } = await ctx.client.query<{ current: number; removed: number; limit: number }>(
    `SELECT (SELECT count(*) FROM (${currentSql}) c)::int AS current,
            (SELECT count(*) FROM (${removedSql}) r)::int AS removed,
            (SELECT "importRemovalLimitPercent"::float8 FROM "Municipality" WHERE id = $1::uuid) AS "limit"`,
    [ctx.municipalityId],
  );
  const r = rows[0];
  return evaluateRemovalShare({ current: r.current, removed: r.removed, rowsInFile, limitPercent: r.limit ?? 5 });
}
