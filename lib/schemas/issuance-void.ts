import { z } from "zod";
import { CERTIFICATE_TYPES } from "../certificate-types";
import { isCalendarDate } from "../jst";
import { localDateTime } from "./service-config";

// Schemas of the void of an issuance (無効) and of the recall export, shared by the forms, the route and the
// verbs (docs/decisions/0012-void-and-recall.md), with the Japanese labels. Client-safe.

export const VOID_REASONS = ["misissued", "reissued", "other"] as const;
export type VoidReasonName = (typeof VOID_REASONS)[number];
export const VOID_REASON_LABELS: Record<VoidReasonName, string> = {
  misissued: "誤交付",
  reissued: "再発行",
  other: "その他",
};

export const VOID_NOTE_MAX = 500;

/** The reason and, for その他, the text (required there, bounded everywhere; stored with the issuance, not in the audit log). */
const ZVoidReasonFields = z.object({
  reason: z.enum(VOID_REASONS, { error: "無効にする理由を選んでください。" }),
  note: z.string().trim().max(VOID_NOTE_MAX, `理由の内容は${VOID_NOTE_MAX}文字以内で入力してください。`).default(""),
  /** The confirmation step: the staff member ticks that a void cannot be undone. */
  confirm: z.boolean().refine((v) => v, "無効にすると取り消せないことを確認してください。"),
});

const requireNoteForOther = <T extends { reason: VoidReasonName; note: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.reason === "other" && v.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: "「その他」の場合は理由の内容を入力してください。" });
};

export const ZVoidIssuance = ZVoidReasonFields.extend({ issuanceId: z.uuid("発行記録が見つかりません。") }).superRefine(requireNoteForOther);
export type VoidIssuanceInput = z.input<typeof ZVoidIssuance>;

/** Void the issuances an incident lists: the ones chosen, or (`all`) every printed one not yet void. */
export const ZVoidIncidentIssuances = ZVoidReasonFields.extend({
  incidentId: z.uuid("インシデントが見つかりません。"),
  scope: z.enum(["selected", "all"], { error: "対象を選んでください。" }),
  issuanceIds: z.array(z.uuid("発行記録が見つかりません。")).max(1000, "一度に無効にできるのは1000件までです。").default([]),
})
  .superRefine(requireNoteForOther)
  .refine((v) => v.scope === "all" || v.issuanceIds.length > 0, { path: ["issuanceIds"], message: "無効にする発行記録を選んでください。" });
export type VoidIncidentIssuancesInput = z.input<typeof ZVoidIncidentIssuances>;

/** 発行番号 separated by spaces, commas or line breaks, each once. */
export const splitIssuanceNos = (text: string): string[] => [...new Set(text.split(/[\s,、]+/).filter(Boolean))];

export const MAX_LINKS_AT_ONCE = 200;
export const ZAddIncidentIssuances = z.object({
  incidentId: z.uuid("インシデントが見つかりません。"),
  issuanceNos: z
    .string()
    .trim()
    .min(1, "発行番号を入力してください。")
    .max(MAX_LINKS_AT_ONCE * 25, "入力が長すぎます。")
    .refine((text) => splitIssuanceNos(text).every((no) => /^\d{6}-\d{4}-\d{8}$/.test(no)), "発行番号は「131121-2026-00000001」の形で、空白か改行で区切って入力してください。")
    .refine((text) => splitIssuanceNos(text).length <= MAX_LINKS_AT_ONCE, `一度に追加できるのは${MAX_LINKS_AT_ONCE}件までです。`),
});
export type AddIncidentIssuancesInput = z.input<typeof ZAddIncidentIssuances>;

/** At most this many issuances found by one search are added to an incident. */
export const MAX_SEARCH_LINKS = 1000;
/** The validation message (field `to`) when a search finds more than MAX_SEARCH_LINKS. */
export const TOO_MANY_MATCHES = `該当する発行記録が${MAX_SEARCH_LINKS}件を超えます。期間を短くするか、条件を加えてください。`;

/**
 * Add every issuance of a time window (JST, from <input type="datetime-local">), optionally of one certificate
 * type and one terminal: e.g. all that a misconfigured terminal printed before it was stopped.
 */
export const ZAddIncidentIssuancesBySearch = z
  .object({
    incidentId: z.uuid("インシデントが見つかりません。"),
    from: localDateTime("開始日時"),
    to: localDateTime("終了日時"),
    type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CERTIFICATE_TYPES, { error: "証明書の種類を一覧から選んでください。" }).optional()),
    terminalId: z.string().trim().max(64, "端末IDは64文字以内で入力してください。").default(""),
  })
  .superRefine((v, c) => {
    if (v.from && v.to && v.to <= v.from) c.addIssue({ code: "custom", path: ["to"], message: "終了日時は開始日時より後の日時を入力してください。" });
  });
export type AddIncidentIssuancesBySearchInput = z.input<typeof ZAddIncidentIssuancesBySearch>;

export const RECALL_ENCODINGS = ["utf8", "sjis"] as const;

/** A JST calendar day, YYYY-MM-DD (the export forms share it). */
export const ZDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日付はYYYY-MM-DDの形式で入力してください。")
  .refine(isCalendarDate, "存在しない日付です。");

/** The recall export: issuances voided from `from` to `to` (JST days, inclusive), at most a year. */
export const ZRecallExport = z
  .object({
    from: ZDay,
    to: ZDay,
    encoding: z.enum(RECALL_ENCODINGS, { error: "文字コードを選んでください。" }).default("utf8"),
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "終了日は開始日以降の日付を入力してください。" })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86_400_000, { path: ["to"], message: "期間は1年以内にしてください。" });
export type RecallExportInput = z.input<typeof ZRecallExport>;
