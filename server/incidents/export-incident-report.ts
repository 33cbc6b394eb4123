import "server-only";
import { CERTIFICATE_NAMES, fromDbCertificateType } from "@/lib/certificate-types";
import { exposedItems } from "@/lib/exposed-items";
import { formatJstDateTime } from "@/lib/jst";
import { ZIncidentReportExport, type IncidentReportExportInput } from "@/lib/schemas/exports";
import { VOID_REASON_LABELS } from "@/lib/schemas/issuance-void";
import { AUDIT_ACTOR_LABELS, INCIDENT_KIND_LABELS, INCIDENT_SEVERITY_LABELS, INCIDENT_STATUS_LABELS, ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import { SYSTEM_CHAIN } from "../audit/audit-chain";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { csvFileNames, type DownloadFile } from "../http/download-response";
import { auditActorNames } from "../logs/list-audit-events";
import { parseInput } from "../parse-input";
import { renderIncidentReportInWorker } from "../pdf/render-pool";
import { encodeCsvAs, type CsvCell } from "../reports/report-csv";
import type { IncidentReportData } from "./incident-report-data";

/** The timeline's events: what was done to the incident and to its issuances (the exports themselves are not). */
const INCIDENT_ACTIONS = ["incident.open", "incident.acknowledge", "incident.add_issuances", "incident.close"];

const str = (v: unknown) => (typeof v === "string" ? v : "");

function describe(action: string, d: Record<string, unknown>, issuanceNoById: Map<string, string>, targetId: string | null): string {
  switch (action) {
    case "incident.open":
      return `インシデントを記録（${INCIDENT_KIND_LABELS[d.kind as keyof typeof INCIDENT_KIND_LABELS] ?? str(d.kind)}、重要度：${INCIDENT_SEVERITY_LABELS[d.severity as keyof typeof INCIDENT_SEVERITY_LABELS] ?? str(d.severity)}）`;
    case "incident.acknowledge":
      return "対応を開始";
    case "incident.add_issuances":
      return `影響を受けた発行記録を${Number(d.count ?? 0)}件追加${Array.isArray(d.issuanceNos) ? `（${d.issuanceNos.map(String).join("、")}）` : ""}`;
    case "incident.close":
      return "クローズ";
    case "issuance.void":
      return `発行番号 ${str(d.issuanceNo) || (targetId ? (issuanceNoById.get(targetId) ?? targetId) : "")} を無効（${VOID_REASON_LABELS[d.reason as keyof typeof VOID_REASON_LABELS] ?? str(d.reason)}）`;
    default:
      return action;
  }
}

async function loadReport(tx: Tx, ctx: RequestContext, incidentId: string, now: Date): Promise<{ data: IncidentReportData; municipalityId: string | null }> {
  const row = await tx.incident.findFirst({
    where: { id: incidentId, ...(ctx.municipalityId ? { municipalityId: ctx.municipalityId } : {}) },
    include: { municipality: { select: { code: true, name: true } } },
  });
  if (!row) throw new AppError("not_found", "no such incident");
  const links = await tx.incidentIssuance.findMany({ where: { incidentId: row.id }, select: { issuanceId: true } });
  const ids = [...new Set([...(row.issuanceId ? [row.issuanceId] : []), ...links.map((l) => l.issuanceId)])];
  const issuances = await tx.issuance.findMany({
    where: { id: { in: ids } },
    orderBy: { issuanceNo: "asc" },
    select: { id: true, issuanceNo: true, certificateType: true, options: true, status: true, copies: true, renderedAt: true, voidedAt: true, voidReason: true },
  });
  const events = await tx.auditEvent.findMany({
    where: {
      chain: row.municipalityId ?? SYSTEM_CHAIN,
      OR: [
        { targetType: "Incident", targetId: row.id, action: { in: INCIDENT_ACTIONS } },
        ...(ids.length ? [{ targetType: "Issuance", targetId: { in: ids }, action: "issuance.void" }] : []),
      ],
    },
    orderBy: { seq: "asc" },
    select: { occurredAt: true, actorType: true, actorId: true, action: true, targetId: true, details: true },
  });
  const names = await auditActorNames(tx, events);
  const issuanceNoById = new Map(issuances.map((i) => [i.id, i.issuanceNo]));
  const details = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  return {
    municipalityId: row.municipalityId,
    data: {
      municipality: row.municipality,
      incident: {
        id: row.id,
        kind: INCIDENT_KIND_LABELS[row.kind],
        severity: INCIDENT_SEVERITY_LABELS[row.severity],
        status: INCIDENT_STATUS_LABELS[row.status],
        summary: row.summary,
        openedAt: formatJstDateTime(row.openedAt),
        acknowledgedAt: row.acknowledgedAt ? formatJstDateTime(row.acknowledgedAt) : null,
        closedAt: row.closedAt ? formatJstDateTime(row.closedAt) : null,
        closeReason: row.closeReason,
      },
      // An incident recorded without its audit event (the demo seed's) still starts its timeline when it was recorded.
      timeline: [
        ...(events.some((e) => e.action === "incident.open")
          ? []
          : [{ at: formatJstDateTime(row.openedAt), event: describe("incident.open", { kind: row.kind, severity: row.severity }, issuanceNoById, null), actor: AUDIT_ACTOR_LABELS.system }]),
        ...events.map((e) => ({
        at: formatJstDateTime(e.occurredAt),
        event: describe(e.action, details(e.details), issuanceNoById, e.targetId),
          actor: `${AUDIT_ACTOR_LABELS[e.actorType]}${e.actorId && names.get(e.actorId) ? ` ${names.get(e.actorId)}` : ""}`,
        })),
      ],
      affected: issuances.map((i) => {
        const type = fromDbCertificateType(i.certificateType);
        return {
          issuanceNo: i.issuanceNo,
          certificateName: CERTIFICATE_NAMES[type],
          renderedAt: formatJstDateTime(i.renderedAt),
          status: ISSUANCE_STATUS_LABELS[i.status],
          voided: i.voidedAt ? `無効（${formatJstDateTime(i.voidedAt)}、${i.voidReason ? VOID_REASON_LABELS[i.voidReason] : ""}）` : "",
          copies: i.copies,
          exposed: exposedItems(type, i.options),
        };
      }),
      generatedAt: formatJstDateTime(now),
    },
  };
}

/** The CSV of the report: one table, a 区分 column (概要, 経過, 発行記録), so it reads as one sheet in Excel. */
export function incidentReportCsvRows(d: IncidentReportData): CsvCell[][] {
  const i = d.incident;
  const rows: CsvCell[][] = [["区分", "項目", "日時", "内容", "証明書の種類", "状態", "記載された事項", "対象者", "個人番号の記載", "本籍の記載", "通数"]];
  const info = (item: string, value: string | null) => rows.push(["概要", item, "", value ?? "", "", "", "", "", "", "", null]);
  info("報告団体", d.municipality ? `${d.municipality.name}（${d.municipality.code}）` : "運用事業者");
  info("インシデント番号", i.id);
  info("概要", i.summary);
  info("種別", i.kind);
  info("重要度", i.severity);
  info("状態", i.status);
  info("発生（記録）日時", i.openedAt);
  info("対応開始日時", i.acknowledgedAt);
  info("クローズ日時", i.closedAt);
  info("対応の内容（クローズの理由）", i.closeReason);
  info("作成日時", d.generatedAt);
  for (const t of d.timeline) rows.push(["経過", t.actor, t.at, t.event, "", "", "", "", "", "", null]);
  for (const a of d.affected) {
    rows.push(["発行記録", a.issuanceNo, a.renderedAt, a.voided, a.certificateName, a.status, a.exposed.items.join("、"), a.exposed.persons, a.exposed.myNumber ? "あり" : "なし", a.exposed.honseki ? "あり" : "なし", a.copies]);
  }
  return rows;
}

/**
 * An incident's report for the prefecture, as PDF or CSV (UTF-8 with BOM or Shift_JIS): the incident, its
 * timeline from the audit log (recorded, acknowledged, issuances added, voided, closed), the affected issuances
 * and which items each printed (from the type and the options, never the data). Another municipality's incident
 * is not_found. Every download is audited (format and counts).
 */
export async function exportIncidentReport({ ctx, input, now = new Date() }: { ctx: RequestContext; input: IncidentReportExportInput; now?: Date }): Promise<DownloadFile & { data: IncidentReportData }> {
  requirePermission(ctx, "incidents:read");
  const q = parseInput(ZIncidentReportExport, input, "invalid incident report request");
  return withTenant(ctx, async (tx) => {
    const { data, municipalityId } = await loadReport(tx, ctx, q.incidentId, now);
    // Rendered inside the transaction: a report that fails to render is not recorded as exported.
    const body = q.format === "pdf" ? await renderIncidentReportInWorker(data) : encodeCsvAs(incidentReportCsvRows(data), q.format === "csv-utf8" ? "utf8" : "sjis");
    await writeAuditEvent(tx, ctx, {
      municipalityId,
      action: "export.incident_report",
      targetType: "Incident",
      targetId: data.incident.id,
      details: { format: q.format, affected: data.affected.length, timeline: data.timeline.length },
    });
    const base = `incident-report-${data.incident.id}`;
    const jp = `インシデント報告書_${data.municipality?.code ?? "system"}_${data.incident.id.slice(0, 8)}`;
    const names =
      q.format === "pdf"
        ? { asciiName: `${base}.pdf`, fileName: `${jp}.pdf`, contentType: "application/pdf" }
        : csvFileNames(base, jp, q.format === "csv-utf8" ? "utf8" : "sjis");
    return { body, data, ...names };
  }, { timeout: 60_000 });
}
