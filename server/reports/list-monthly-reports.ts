import "server-only";
import { z } from "zod";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { statsTarget } from "../stats/stats-target";
import { parseInput } from "../parse-input";

export type MonthlyReportDto = {
  id: string;
  municipality: { code: string; name: string };
  month: string;
  trigger: "scheduled" | "on_demand";
  generatedAt: string;
  generatedByName: string;
  sizes: { pdf: number; csvUtf8: number; csvSjis: number };
  pdfSha256: string;
  csvUtf8Sha256: string;
  csvSjisSha256: string;
};

const ZList = z.object({ municipalityId: z.string().uuid().optional() });

/** Generated reports, newest first (metadata only, not the files): one municipality, or all for the operator. */
export async function listMonthlyReports({ ctx, input, limit = 100 }: { ctx: RequestContext; input: unknown; limit?: number }): Promise<MonthlyReportDto[]> {
  const q = parseInput(ZList, input);
  const t = await statsTarget(ctx, q.municipalityId, "stats:read");
  return withTenant(t.ctx, async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; code: string; name: string; month: string; trigger: "scheduled" | "on_demand"; generatedAt: Date; generatedByName: string; pdf: number; csvUtf8: number; csvSjis: number; pdfSha256: string; csvUtf8Sha256: string; csvSjisSha256: string }>>`
      SELECT r.id, m.code, m.name, r.month, r.trigger::text AS trigger, r."generatedAt", r."generatedByName",
             octet_length(r.pdf) AS pdf, octet_length(r."csvUtf8") AS "csvUtf8", octet_length(r."csvSjis") AS "csvSjis",
             r."pdfSha256", r."csvUtf8Sha256", r."csvSjisSha256"
      FROM "MonthlyReport" r JOIN "Municipality" m ON m.id = r."municipalityId"
      WHERE ${t.municipality?.id ?? null}::uuid IS NULL OR r."municipalityId" = ${t.municipality?.id ?? null}::uuid
      ORDER BY r.month DESC, r."generatedAt" DESC
      LIMIT ${limit}`;
    return rows.map((r) => ({
      id: r.id,
      municipality: { code: r.code, name: r.name },
      month: r.month,
      trigger: r.trigger,
      generatedAt: r.generatedAt.toISOString(),
      generatedByName: r.generatedByName,
      sizes: { pdf: Number(r.pdf), csvUtf8: Number(r.csvUtf8), csvSjis: Number(r.csvSjis) },
      pdfSha256: r.pdfSha256,
      csvUtf8Sha256: r.csvUtf8Sha256,
      csvSjisSha256: r.csvSjisSha256,
    }));
  });
}
