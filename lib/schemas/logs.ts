import { z } from "zod";
import { CERTIFICATE_TYPES } from "../certificate-types";
import { isCalendarDate } from "../jst";

// Schemas of the issuance log, the audit log and the incident screens (shared by the pages, the forms and
// the server verbs), with the Japanese labels of the values they show. Client-safe.

export const LOG_PAGE_SIZE = 50;

export const ISSUANCE_STATUSES = ["rendered", "printed", "cancelled", "failed"] as const;
export type IssuanceStatusName = (typeof ISSUANCE_STATUSES)[number];
export const ISSUANCE_STATUS_LABELS: Record<IssuanceStatusName, string> = {
  rendered: "作成済み（印刷待ち）",
  printed: "印刷完了",
  cancelled: "取消",
  failed: "印刷失敗",
};

/** The issuance log's filter on 無効 (docs/decisions/0012-void-and-recall.md). */
export const ISSUANCE_VALIDITIES = ["valid", "void"] as const;
export const ISSUANCE_VALIDITY_LABELS: Record<(typeof ISSUANCE_VALIDITIES)[number], string> = {
  valid: "有効のみ",
  void: "無効のみ",
};

export const INCIDENT_STATUSES = ["open", "acknowledged", "closed"] as const;
export type IncidentStatusName = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<IncidentStatusName, string> = {
  open: "未対応",
  acknowledged: "対応中",
  closed: "クローズ",
};

export const INCIDENT_KINDS = ["centre_error", "pdf_self_check_failed", "emergency_stop", "import_failed", "other"] as const;
export type IncidentKindName = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: Record<IncidentKindName, string> = {
  centre_error: "交付センターのエラー報告",
  pdf_self_check_failed: "PDF自己検査の失敗",
  emergency_stop: "緊急停止",
  import_failed: "データ取込の失敗",
  other: "その他",
};

export const INCIDENT_SEVERITY_LABELS: Record<"low" | "medium" | "high" | "critical", string> = {
  low: "低",
  medium: "中",
  high: "高",
  critical: "緊急",
};

/** The audit chain of events without a municipality (operator work, platform events). */
export const SYSTEM_CHAIN_KEY = "system";

// GET forms send "" for an empty field: treat it as absent.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ZJstDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日付はYYYY-MM-DDの形式で入力してください。")
  .refine(isCalendarDate, "存在しない日付です。");

const ZPage = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1);

/** A 6-digit municipality code chosen by the operator (staff of a municipality never choose). */
const ZMunicipalityFilter = optional(z.string().trim().regex(/^\d{6}$/, "団体コードは6桁の数字で入力してください。"));

/** 発行番号: the whole number (exact match) or its beginning (prefix match), e.g. "131121-2026-". */
export const ISSUANCE_NO_FULL = /^\d{6}-\d{4}-\d{8}$/;

export const ZIssuanceSearch = z
  .object({
    issuanceNo: optional(
      z
        .string()
        .trim()
        .max(20, "発行番号は20文字以内で入力してください。")
        .regex(/^[0-9-]+$/, "発行番号は数字とハイフンで入力してください。"),
    ),
    from: optional(ZJstDate),
    to: optional(ZJstDate),
    type: optional(z.enum(CERTIFICATE_TYPES, { error: "証明書の種類を一覧から選んでください。" })),
    status: optional(z.enum(ISSUANCE_STATUSES, { error: "状態を一覧から選んでください。" })),
    validity: optional(z.enum(ISSUANCE_VALIDITIES, { error: "有効・無効を一覧から選んでください。" })),
    municipality: ZMunicipalityFilter,
    page: ZPage,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "終了日は開始日以降の日付を入力してください。" });

export type IssuanceSearchInput = z.input<typeof ZIssuanceSearch>;
export type IssuanceSearch = z.output<typeof ZIssuanceSearch>;

export const ZIssuanceDetail = z.object({ issuanceId: z.uuid("発行記録が見つかりません。") });

export const ZAuditEventList = z.object({
  /** Operator only: a municipality code or "system"; staff of a municipality always get their own chain. */
  chain: optional(z.union([z.literal(SYSTEM_CHAIN_KEY), z.string().trim().regex(/^\d{6}$/, "団体コードは6桁の数字で入力してください。")])),
  action: optional(z.string().trim().max(64, "操作は64文字以内で入力してください。").regex(/^[a-z_.]+$/, "操作は英小文字・ピリオド・下線で入力してください。")),
  page: ZPage,
});
export type AuditEventListInput = z.input<typeof ZAuditEventList>;

export const ZIncidentList = z.object({
  status: optional(z.enum(INCIDENT_STATUSES, { error: "状態を一覧から選んでください。" })),
  kind: optional(z.enum(INCIDENT_KINDS, { error: "種別を一覧から選んでください。" })),
  municipality: ZMunicipalityFilter,
  page: ZPage,
});
export type IncidentListInput = z.input<typeof ZIncidentList>;

export const ZIncidentRef = z.object({ incidentId: z.uuid("インシデントが見つかりません。") });
export type IncidentRefInput = z.infer<typeof ZIncidentRef>;

/** The close form: the reason is required (stored with the incident, not in the audit log). */
export const ZIncidentClose = z.object({
  incidentId: z.uuid("インシデントが見つかりません。"),
  reason: z.string().trim().min(1, "クローズの理由を入力してください。").max(1000, "クローズの理由は1000文字以内で入力してください。"),
});
export type IncidentCloseInput = z.infer<typeof ZIncidentClose>;

/** Who acted, as the audit screen and its export name the actor types. */
export const AUDIT_ACTOR_LABELS = { staff: "職員", api_client: "交付センター", system: "システム", resident: "住民" } as const;
