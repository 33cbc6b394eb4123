import "server-only";
import { z } from "zod";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

export const REPORT_FORMATS = ["pdf", "csv-utf8", "csv-sjis"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const ZGet = z.object({ reportId: z.string().uuid(), format: z.enum(REPORT_FORMATS) });

export type ReportFile = { bytes: Uint8Array; sha256: string; fileName: string; contentType: string };

/**
 * One stored report file. The tenant comes from the context: another municipality's report id is "not found"
 * (row-level security and the where clause both confine it). The download is audited.
 */
export async function getReportFile({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<ReportFile> {
  const q = parseInput(ZGet, input);
  requirePermission(ctx, "stats:read");
  return withTenant(ctx, async (tx) => {
    const r = await tx.monthlyReport.findFirst({
      where: { id: q.reportId, ...(ctx.municipalityId ? { municipalityId: ctx.municipalityId } : {}) },
      select: {
        id: true,
        month: true,
        municipalityId: true,
        municipality: { select: { code: true } },
        // Reports are small (tens of kB): reading the three files is simpler than three typed selects.
        pdf: true,
        pdfSha256: true,
        csvUtf8: true,
        csvUtf8Sha256: true,
        csvSjis: true,
        csvSjisSha256: true,
      },
    });
    if (!r) throw new AppError("report_not_found", "no such report");
    const base = `monthly-report-${r.municipality.code}-${r.month}`;
    const file: ReportFile =
      q.format === "pdf"
        ? { bytes: r.pdf, sha256: r.pdfSha256, fileName: `${base}.pdf`, contentType: "application/pdf" }
        : q.format === "csv-utf8"
          ? { bytes: r.csvUtf8, sha256: r.csvUtf8Sha256, fileName: `${base}-utf8.csv`, contentType: "text/csv; charset=utf-8" }
          : { bytes: r.csvSjis, sha256: r.csvSjisSha256, fileName: `${base}-sjis.csv`, contentType: "text/csv; charset=shift_jis" };
    await writeAuditEvent(tx, { ...ctx, municipalityId: r.municipalityId }, { action: "monthly_report.download", targetType: "MonthlyReport", targetId: r.id, details: { format: q.format } });
    return file;
  });
}
