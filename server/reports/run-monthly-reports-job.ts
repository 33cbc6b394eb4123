import "server-only";
import { systemContext } from "../context";
import { withTenant } from "../db/tenant";
import { logger } from "../logger";
import { addMonths, MONTH_RE, monthOf } from "@/lib/months";
import { generateMonthlyReport } from "./generate-monthly-report";

export const JOB_NAME = "monthly-reports";

export type MonthlyReportsJobResult = { month: string; generated: number; skipped: number; failed: number };

/**
 * The scheduled job (pg-boss, 01:30 JST on the 1st): the previous JST month's report for every municipality
 * that is not in preparation. Idempotent under retries: a municipality that already has a scheduled report for
 * the month is skipped. One municipality failing does not stop the others; the job fails at the end so
 * pg-boss retries, and the retry only does what is missing.
 */
export async function runMonthlyReportsJob({ month, now = new Date() }: { month?: string; now?: Date } = {}): Promise<MonthlyReportsJobResult> {
  const target = month && MONTH_RE.test(month) ? month : addMonths(monthOf(now), -1);
  const all = systemContext(JOB_NAME);
  const municipalities = await withTenant(all, (tx) =>
    tx.municipality.findMany({
      where: { status: { not: "preparing" } },
      select: { id: true, code: true, monthlyReports: { where: { month: target, trigger: "scheduled" }, select: { id: true }, take: 1 } },
      orderBy: { code: "asc" },
    }),
  );
  let generated = 0;
  let skipped = 0;
  const failures: string[] = [];
  for (const m of municipalities) {
    if (m.monthlyReports.length) {
      skipped++;
      continue;
    }
    try {
      await generateMonthlyReport({ ctx: systemContext(JOB_NAME, m.id), input: { month: target }, now });
      generated++;
    } catch (e) {
      logger.error({ err: String(e), municipality: m.code, month: target }, "monthly report failed");
      failures.push(m.code);
    }
  }
  if (failures.length) throw new Error(`monthly reports failed for ${failures.length} municipalities: ${failures.join(", ")}`);
  return { month: target, generated, skipped, failed: failures.length };
}
