import { CERTIFICATE_NAMES, type CertificateTypeId } from "./certificate-types";
import { FEED_LABELS, type ImportFeedName } from "./import-feeds";
import { formatJstDateTime } from "./jst";
import { ALERT_KIND_LABELS, type AlertKindName } from "./schemas/alerts";

// The Japanese description of an alert, from its payload (ids, counts and codes only): the e-mail body and the
// alert screen say the same thing. Client-safe.

type Payload = Readonly<Record<string, unknown>>;
const str = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** One line per fact, e.g. "件数: 3件（60分以内）". */
export function alertFacts(kind: AlertKindName, p: Payload): string[] {
  switch (kind) {
    case "centre_failures":
      return [`印刷失敗の報告: ${str(p.failures)}件（${str(p.windowMinutes)}分以内、しきい値 ${str(p.threshold)}件）`, `最新の発行番号: ${str(p.latestIssuanceNo)}`];
    case "pdf_self_check_failed":
      return [`検査結果コード: ${str(p.failure)}`, `証明書種別: ${CERTIFICATE_NAMES[p.certificateType as CertificateTypeId] ?? str(p.certificateType)}`, `インシデントID: ${str(p.incidentId)}`, `緊急停止: ${p.emergencyStopId ? "実行中" : "なし"}`];
    case "import_failed":
      return [`取込ジョブID: ${str(p.importJobId)}`, `データ: ${FEED_LABELS[p.feed as ImportFeedName] ?? str(p.feed)}（${p.mode === "delta" ? "差分" : p.mode === "full" ? "全件" : str(p.mode)}）`, `読み込んだ行: ${str(p.rowsTotal)}行、エラー ${str(p.errorCount)}件`, ...(p.errorCode ? [`コード: ${str(p.errorCode)}`] : [])];
    case "registration_overdue":
      return [`受付番号: ${str(p.receiptNo)}`, `審査期限: ${str(p.dueOn)}`];
    case "registration_received":
      return [`受付番号: ${str(p.receiptNo)}`, `受付: ${p.source === "web" ? "Web（事前登録）" : "キオスク"}`, `審査期限: ${str(p.dueOn)}`];
  }
}

export function alertMail(a: { kind: AlertKindName; payload: Payload; createdAt: Date; municipality: { code: string; name: string } }): { subject: string; text: string } {
  const where = `${a.municipality.name}（${a.municipality.code}）`;
  return {
    subject: `【コンビニ交付】${ALERT_KIND_LABELS[a.kind]}: ${where}`,
    text: [
      `${where}について、次のアラートが発生しました。`,
      "",
      `種別: ${ALERT_KIND_LABELS[a.kind]}`,
      ...alertFacts(a.kind, a.payload),
      `発生日時: ${formatJstDateTime(a.createdAt)}`,
      "",
      "詳しくは管理画面の「アラート」「インシデント」「利用登録の審査」「データ取込」で確認してください。",
      "このメールには個人情報を含めていません。",
    ].join("\n"),
  };
}
