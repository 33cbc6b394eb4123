import "server-only";
import { CERTIFICATE_NAMES, type CertificateTypeId } from "@/lib/certificate-types";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext } from "../context";
import { withSystemScope, withTenant } from "../db/tenant";
import { openIncident } from "../incidents/open-incident";
import { raiseAlert } from "../alerts/raise-alert";
import { runningEmergencyStop } from "../service-config/start-emergency-stop";
import { logger } from "../logger";
import { mailConfig, transportFor } from "../notices/mailer";

// What happens after a rendered PDF failed the post-render self-check (docs/decisions/0010): the issuing
// transaction has already rolled back and no PDF is returned. Then, each in its own transaction so one
// failing never prevents the others: the municipality's kiosk service is stopped for every certificate type
// (the kill switch staff use, server/service-config/start-emergency-stop.ts), a critical incident is opened,
// the operator is alerted by an error log line and, when SMTP is configured, by e-mail. Nothing here throws:
// the caller always answers with the self-check error.

export const AUTO_STOP_REASON = "発行前PDF検査の不一致により自動停止";
const ACTOR = "pdf-self-check";
/** How long the kiosk's error answer waits for the alert mail; the send goes on in the background after. */
const ALERT_WAIT_MS = 5_000;

export type SelfCheckFailureReport = {
  municipalityId: string;
  certificateType: CertificateTypeId;
  /** A failure code of check-pdf-subject.ts / verify-rendered-pdf.ts. */
  failure: string;
  /** The issuance id the rolled-back attempt had (never recorded; kept to correlate logs). */
  attemptedIssuanceId: string;
  requestId: string;
  now: Date;
};

export type SelfCheckFailureOutcome = { emergencyStopId: string | null; emergencyStopStarted: boolean; incidentId: string | null; mailed: number };

export async function reportSelfCheckFailure(r: SelfCheckFailureReport): Promise<SelfCheckFailureOutcome> {
  const ctx = { ...systemContext(ACTOR, r.municipalityId), requestId: r.requestId };
  const out: SelfCheckFailureOutcome = { emergencyStopId: null, emergencyStopStarted: false, incidentId: null, mailed: 0 };
  let municipality: { code: string; name: string } | null = null;

  try {
    const stop = await withTenant(ctx, async (tx) => {
      // Two failing issuances (or a staff member) at once start one stop, not two: the same lock as staff.
      const running = await runningEmergencyStop(tx, r.municipalityId, null);
      const m = await tx.municipality.findUniqueOrThrow({ where: { id: r.municipalityId }, select: { code: true, name: true } });
      if (running) return { id: running.id, started: false, municipality: m };
      const row = await tx.emergencyStop.create({ data: { municipalityId: r.municipalityId, certificateType: null, reason: AUTO_STOP_REASON, startedAt: r.now, startedById: null } });
      await writeAuditEvent(tx, ctx, {
        action: "emergency_stop.start",
        targetType: "EmergencyStop",
        targetId: row.id,
        details: { certificateType: "all", automatic: true, cause: "pdf_self_check_failed", failure: r.failure },
      });
      return { id: row.id, started: true, municipality: m };
    });
    out.emergencyStopId = stop.id;
    out.emergencyStopStarted = stop.started;
    municipality = stop.municipality;
  } catch (err) {
    logger.error({ err: String(err), municipalityId: r.municipalityId, requestId: r.requestId }, "could not start the automatic emergency stop after a failed PDF self-check");
  }

  try {
    out.incidentId = await withTenant(ctx, async (tx) => {
      const incidentId = await openIncident(ctx, {
        municipalityId: r.municipalityId,
        kind: "pdf_self_check_failed",
        severity: "critical",
        summary: out.emergencyStopId
          ? "発行前のPDF検査で不一致を検出したため発行を中止し、全証明書のコンビニ交付を自動停止しました"
          : "発行前のPDF検査で不一致を検出したため発行を中止しました（自動停止に失敗。直ちに緊急停止してください）",
        // Codes and ids only (no names, no personal data); the attempt left no Issuance row to link.
        details: {
          failure: r.failure,
          certificateType: r.certificateType,
          attemptedIssuanceId: r.attemptedIssuanceId,
          requestId: r.requestId,
          emergencyStopId: out.emergencyStopId,
          emergencyStopStarted: out.emergencyStopStarted,
        },
      }, tx);
      // The municipality's recipients are told too (docs/decisions/0016), in the incident's transaction.
      await raiseAlert(tx, {
        municipalityId: r.municipalityId,
        kind: "pdf_self_check_failed",
        dedupeKey: `incident:${incidentId}`,
        payload: { incidentId, failure: r.failure, certificateType: r.certificateType, emergencyStopId: out.emergencyStopId },
        now: r.now,
      });
      return incidentId;
    });
  } catch (err) {
    logger.error({ err: String(err), municipalityId: r.municipalityId, requestId: r.requestId }, "could not record the incident of a failed PDF self-check");
  }

  logger.error(
    {
      event: "pdf_self_check_failed",
      municipalityId: r.municipalityId,
      certificateType: r.certificateType,
      failure: r.failure,
      attemptedIssuanceId: r.attemptedIssuanceId,
      requestId: r.requestId,
      emergencyStopId: out.emergencyStopId,
      emergencyStopStarted: out.emergencyStopStarted,
      incidentId: out.incidentId,
    },
    "post-render PDF self-check failed: nothing was issued; the municipality's kiosk service is stopped",
  );

  const mail = alertOperators(r, out, municipality).catch((err) => {
    logger.error({ err: String(err), municipalityId: r.municipalityId, requestId: r.requestId }, "could not alert the operators of a failed PDF self-check");
    return 0;
  });
  let timer: NodeJS.Timeout | undefined;
  out.mailed = await Promise.race([mail, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), ALERT_WAIT_MS)))]);
  clearTimeout(timer);
  return out;
}

/** One e-mail to each active operator with an address, when SMTP is configured. Returns how many were sent. */
async function alertOperators(r: SelfCheckFailureReport, out: SelfCheckFailureOutcome, municipality: { code: string; name: string } | null): Promise<number> {
  const config = mailConfig();
  if (!config) return 0;
  const operators = await withSystemScope(`${ACTOR}-alert`, (tx) =>
    tx.staffUser.findMany({ where: { role: "operator", status: "active", email: { not: null } }, select: { id: true, email: true } }),
  );
  const where = municipality ? `${municipality.name}（${municipality.code}）` : `自治体ID ${r.municipalityId}`;
  const subject = `【緊急】発行前PDF検査の不一致により自動停止しました: ${where}`;
  const text = [
    "発行前のPDF検査で、証明書の内容が請求者本人の記録と一致しないことを検出しました。",
    "PDFは交付されていません（発行は取り消され、記録もされていません）。",
    out.emergencyStopId
      ? `${where}のコンビニ交付を全証明書について緊急停止しています。`
      : `${where}の自動停止に失敗しました。管理画面から直ちに全証明書の緊急停止を行ってください。`,
    "",
    `証明書種別: ${CERTIFICATE_NAMES[r.certificateType]}（${r.certificateType}）`,
    `検査結果コード: ${r.failure}`,
    `インシデントID: ${out.incidentId ?? "（記録できませんでした）"}`,
    `緊急停止ID: ${out.emergencyStopId ?? "（なし）"}${out.emergencyStopId && !out.emergencyStopStarted ? "（実行中の停止を継続）" : ""}`,
    `要求ID: ${r.requestId}`,
    `検出日時: ${r.now.toISOString()}`,
    "",
    "管理画面のインシデントで原因を確認し、安全を確かめてから緊急停止を解除してください。",
  ].join("\n");
  let sent = 0;
  for (const op of operators) {
    try {
      await transportFor(config).sendMail({ from: config.from, to: op.email!, subject, text, textEncoding: "base64" });
      sent++;
    } catch (err) {
      // The SMTP error text may quote the address: only its codes are logged.
      const e = err as { code?: unknown; responseCode?: unknown };
      logger.error({ code: e.code, responseCode: e.responseCode, staffUserId: op.id }, "could not send the PDF self-check alert to an operator");
    }
  }
  return sent;
}
