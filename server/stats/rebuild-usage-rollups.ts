import "server-only";
import { can } from "@/lib/permissions";
import { z } from "zod";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { MONTH_RE, monthDays } from "@/lib/months";
import { parseInput } from "../parse-input";

const ZRebuild = z.object({ month: z.string().regex(MONTH_RE) });

export type RebuildResult = { month: string; dailyRows: number; hourlyRows: number };

/**
 * Repair: recomputes the daily and hourly rollups of one JST month from the issuances (printed only, by the
 * JST day and hour of completion: the keys recordPrintedUsage writes) for the context's municipality, or for
 * every municipality with an operator-wide system context. Runs in one transaction, so readers see the old or
 * the new rollup, never a half-built one; the month's rollup rows are locked against concurrent completions
 * by the DELETE, and an advisory lock keeps two rebuilds apart.
 */
export async function rebuildUsageRollups({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<RebuildResult> {
  const { month } = parseInput(ZRebuild, input);
  if (ctx.actor.type !== "system" && !(ctx.actor.type === "staff" && can(ctx.actor.role, "stats:rebuild"))) throw new AppError("forbidden", "rollup rebuilds are for the operator");
  const { first, next } = monthDays(month);
  const m = ctx.municipalityId;
  const only = m ? Prisma.sql`AND "municipalityId" = ${m}::uuid` : Prisma.empty;
  // The JST wall-clock time of completion (completedAt is stored as UTC without a zone).
  const jst = Prisma.sql`("completedAt" + interval '9 hours')`;
  return withTenant(
    ctx,
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"usage-rebuild:" + month}, 0))`;
      // Issuances completing while we rebuild wait on the row locks the DELETE takes (same keys).
      await tx.$executeRaw`DELETE FROM "UsageDaily" WHERE "day" >= ${first}::date AND "day" < ${next}::date ${only}`;
      await tx.$executeRaw`DELETE FROM "UsageHourly" WHERE "day" >= ${first}::date AND "day" < ${next}::date ${only}`;
      const hourlyRows = await tx.$executeRaw`
        INSERT INTO "UsageHourly" ("municipalityId", "day", "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy", "count", "copies", "feeTotal")
        SELECT "municipalityId", ${jst}::date, extract(hour from ${jst})::smallint, "certificateType", "storeChain", "outOfTown", "feePerCopy",
               count(*)::int, sum("copies")::int, sum("feeTotal")::int
        FROM "Issuance"
        WHERE "status" = 'printed' AND ${jst} >= ${first}::timestamp AND ${jst} < ${next}::timestamp ${only}
        GROUP BY 1, 2, 3, 4, 5, 6, 7`;
      // The daily rollup from the hourly one just written (same month, same keys minus hour and fee).
      const dailyRows = await tx.$executeRaw`
        INSERT INTO "UsageDaily" ("municipalityId", "day", "certificateType", "storeChain", "outOfTown", "count", "copies", "feeTotal")
        SELECT "municipalityId", "day", "certificateType", "storeChain", "outOfTown", sum("count")::int, sum("copies")::int, sum("feeTotal")::int
        FROM "UsageHourly"
        WHERE "day" >= ${first}::date AND "day" < ${next}::date ${only}
        GROUP BY 1, 2, 3, 4, 5`;
      await writeAuditEvent(tx, ctx, { action: "usage.rebuild", details: { month, dailyRows, hourlyRows } });
      return { month, dailyRows, hourlyRows };
    },
    { timeout: 30 * 60_000 },
  );
}
