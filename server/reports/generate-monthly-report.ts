import "server-only";
import crypto from "node:crypto";
import { ZReportRequest } from "@/lib/schemas/statistics";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { monthOf } from "@/lib/months";
import { statsTarget, type StatsMunicipality } from "../stats/stats-target";
import { encodeCsv, reportCsvRows } from "./report-csv";
import { loadReportData } from "./report-data";
import { parseInput } from "../parse-input";
import { renderReportInWorker } from "../pdf/render-pool";

export type GeneratedReport = { id: string; month: string; pdfSha256: string; csvUtf8Sha256: string; csvSjisSha256: string };

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

/**
 * Generates (or regenerates) a municipality's report for a finished or current month: reads the rollups and
 * settlement in one tenant transaction, renders the PDF (in the PDF worker pool, off this event loop) and both
 * CSVs outside it, and stores the files with their SHA-256 and who asked. Staff: municipal admins for their
 * municipality, the operator naming one. The scheduled job passes a system context scoped to the municipality.
 */
export async function generateMonthlyReport({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<GeneratedReport> {
  const q = parseInput(ZReportRequest, input);
  if (q.month > monthOf(now)) throw new AppError("report_month_in_future", "the month has not started yet");
  let tctx: RequestContext;
  let municipality: StatsMunicipality;
  let generatedByName: string;
  if (ctx.actor.type === "system") {
    if (!ctx.municipalityId) throw new AppError("forbidden", "a report is generated for one municipality");
    const m = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { id: ctx.municipalityId! }, select: { id: true, code: true, name: true, commissionPerIssuance: true } }));
    if (!m) throw new AppError("not_found", "no such municipality");
    tctx = ctx;
    municipality = m;
    generatedByName = "自動作成";
  } else {
    const t = await statsTarget(ctx, q.municipalityId, "stats:edit", { required: true });
    tctx = t.ctx;
    municipality = t.municipality!;
    const staffId = ctx.actor.type === "staff" ? ctx.actor.id : "";
    const staff = await withTenant(ctx, (tx) => tx.staffUser.findUnique({ where: { id: staffId }, select: { displayName: true } }));
    generatedByName = staff?.displayName ?? "職員";
  }
  const data = await withTenant(tctx, (tx) => loadReportData(tx, municipality, q.month, now, generatedByName));
  const pdf = await renderReportInWorker(data);
  const csv = encodeCsv(reportCsvRows(data));
  const files = {
    pdf: new Uint8Array(pdf),
    pdfSha256: sha256(pdf),
    csvUtf8: new Uint8Array(csv.utf8),
    csvUtf8Sha256: sha256(csv.utf8),
    csvSjis: new Uint8Array(csv.sjis),
    csvSjisSha256: sha256(csv.sjis),
  };
  return withTenant(tctx, async (tx) => {
    const row = await tx.monthlyReport.create({
      data: {
        municipalityId: municipality.id,
        month: q.month,
        trigger: ctx.actor.type === "system" ? "scheduled" : "on_demand",
        generatedAt: now,
        generatedById: ctx.actor.type === "staff" ? ctx.actor.id : null,
        generatedByName,
        ...files,
      },
      select: { id: true },
    });
    await writeAuditEvent(tx, tctx, { action: "monthly_report.generate", targetType: "MonthlyReport", targetId: row.id, details: { month: q.month, pdfSha256: files.pdfSha256 } });
    return { id: row.id, month: q.month, pdfSha256: files.pdfSha256, csvUtf8Sha256: files.csvUtf8Sha256, csvSjisSha256: files.csvSjisSha256 };
  });
}
