import "server-only";
import { JST_OFFSET_MS } from "@/lib/jst";
import { monthDays, monthInstants } from "@/lib/months";
import { refusalLabel } from "@/lib/refusal-reasons";
import { ZStatisticsQuery } from "@/lib/schemas/statistics";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { Prisma } from "../generated/prisma/client";
import { parseInput } from "../parse-input";
import { statsTarget } from "../stats/stats-target";

export type RefusalCountRow = { key: string; label: string; count: number };

export type RefusalStatistics = {
  month: string;
  total: number;
  /** Most frequent first; the label is the staff label of lib/refusal-reasons.ts. */
  byReason: RefusalCountRow[];
  /** Every JST day of the month, zero-filled. */
  byDay: RefusalCountRow[];
};

/**
 * Refused certificate types of one JST month (eligibility answers and refused issuances, server/refusals),
 * by reason and by day, for a municipality or every municipality (operator). Counts only.
 */
export async function getRefusalStatistics({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<RefusalStatistics> {
  const q = parseInput(ZStatisticsQuery, input);
  const target = await statsTarget(ctx, q.municipalityId, "stats:read");
  const { start, end } = monthInstants(q.month);
  const { first, days } = monthDays(q.month);
  const onlyMunicipality = target.municipality ? Prisma.sql`AND "municipalityId" = ${target.municipality.id}::uuid` : Prisma.empty;
  const rows = await withTenant(target.ctx, (tx) =>
    tx.$queryRaw<Array<{ reason: string | null; day: string | null; n: bigint }>>`
      SELECT r.reason, r.day, count(*)::bigint AS n
      FROM (
        SELECT "reason" AS reason, to_char("refusedAt" + make_interval(secs => ${JST_OFFSET_MS / 1000}), 'YYYY-MM-DD') AS day
        FROM "Refusal"
        WHERE "refusedAt" >= ${start} AND "refusedAt" < ${end} ${onlyMunicipality}
      ) r
      GROUP BY GROUPING SETS ((r.reason), (r.day))`,
  );
  const byReason = rows
    .filter((r) => r.reason !== null)
    .map((r) => ({ key: r.reason!, label: refusalLabel(r.reason!), count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const perDay = new Map(rows.filter((r) => r.reason === null && r.day !== null).map((r) => [r.day!, Number(r.n)]));
  const byDay = Array.from({ length: days }, (_, i) => {
    const d = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000);
    const key = d.toISOString().slice(0, 10);
    return { key, label: `${d.getUTCDate()}日`, count: perDay.get(key) ?? 0 };
  });
  return { month: q.month, total: byReason.reduce((s, r) => s + r.count, 0), byReason, byDay };
}
