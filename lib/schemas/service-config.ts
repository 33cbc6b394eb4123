import { z } from "zod";
import { CERTIFICATE_TYPES, isKosekiType, type CertificateTypeId } from "../certificate-types";
import { isCalendarDate } from "../jst";

// Service-configuration forms (municipal admin). Each schema is shared by the react-hook-form resolver and the
// server verb. Times are JST wall-clock strings; the verbs turn them into instants.

/** The earliest and latest minute the issuance centre serves (6:30–23:00 JST). */
export const SERVICE_OPEN_MINUTE = 6 * 60 + 30;
export const SERVICE_CLOSE_MINUTE = 23 * 60;

export const DAY_CLASSES = ["weekday", "saturday", "sunday", "holiday"] as const;
export type DayClassName = (typeof DAY_CLASSES)[number];
export const DAY_CLASS_LABELS: Record<DayClassName, string> = { weekday: "平日", saturday: "土曜日", sunday: "日曜日", holiday: "祝日" };

export const STOP_SCOPES = ["all", "koseki", "registration_intake"] as const;
export type StopScopeName = (typeof STOP_SCOPES)[number];
export const STOP_SCOPE_LABELS: Record<StopScopeName, string> = {
  all: "全サービス",
  koseki: "戸籍・戸籍の附票",
  registration_intake: "本籍地利用登録の受付",
};

export const FEE_KIND_LABELS = { standard: "通常", campaign: "キャンペーン" } as const;

/** The target municipality: omitted by municipal staff (their own), required for the operator. */
const municipalityId = z.string().uuid("自治体の指定が正しくありません。").optional();
const certificateType = z.enum(CERTIFICATE_TYPES, { error: "証明書の種類を選んでください。" });
/** A certificate type, or "all" for rows that apply to every type. */
const typeOrAll = z.enum(["all", ...CERTIFICATE_TYPES], { error: "証明書の種類を選んでください。" });
export type CertificateTypeOrAll = CertificateTypeId | "all";

const ymd = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}を入力してください。`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}は「2026-12-01」の形式で入力してください。`)
    .refine(isCalendarDate, `${label}が正しい日付ではありません。`);

// ── Offerings ────────────────────────────────────────────────────────────────
export const ZOfferingForm = z
  .object({
    municipalityId,
    certificateType,
    enabled: z.boolean(),
    copyLimit: z.coerce
      .number({ error: "発行上限通数を数字で入力してください。" })
      .int("発行上限通数は整数で入力してください。")
      .min(1, "発行上限通数は1〜20の範囲で入力してください。")
      .max(20, "発行上限通数は1〜20の範囲で入力してください。"),
    allowMyNumber: z.boolean(),
    allowJoseki: z.boolean(),
    allowKaiseiGenkoseki: z.boolean(),
  })
  .superRefine((v, c) => {
    if (v.allowMyNumber && v.certificateType !== "residence")
      c.addIssue({ code: "custom", path: ["allowMyNumber"], message: "個人番号の記載は住民票の写しでのみ設定できます。" });
    const koseki = isKosekiType(v.certificateType) && v.certificateType !== "koseki-fuhyo";
    if (v.allowJoseki && !koseki) c.addIssue({ code: "custom", path: ["allowJoseki"], message: "除籍は戸籍の証明書でのみ設定できます。" });
    if (v.allowKaiseiGenkoseki && !koseki)
      c.addIssue({ code: "custom", path: ["allowKaiseiGenkoseki"], message: "改製原戸籍は戸籍の証明書でのみ設定できます。" });
  });
export type OfferingForm = z.input<typeof ZOfferingForm>;

export const ZTaxYearPolicyForm = z.object({
  municipalityId,
  taxYearSwitchDate: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "切替日は「06-01」（月-日）の形式で入力してください。")
    .refine((s) => !Number.isNaN(new Date(`2024-${s}T00:00:00Z`).getTime()) && new Date(`2024-${s}T00:00:00Z`).toISOString().slice(5, 10) === s, "切替日が正しい日付ではありません。"),
  taxYearsOffered: z.coerce
    .number({ error: "提供する年度数を数字で入力してください。" })
    .int("提供する年度数は整数で入力してください。")
    .min(1, "提供する年度数は1〜5の範囲で入力してください。")
    .max(5, "提供する年度数は1〜5の範囲で入力してください。"),
});
export type TaxYearPolicyForm = z.input<typeof ZTaxYearPolicyForm>;

// ── Fees ─────────────────────────────────────────────────────────────────────
export const ZScheduleFeeForm = z
  .object({
    municipalityId,
    certificateType,
    kind: z.enum(["standard", "campaign"], { error: "手数料の区分を選んでください。" }),
    amount: z.coerce
      .number({ error: "金額を数字で入力してください。" })
      .int("金額は整数（円）で入力してください。")
      .min(0, "金額は0〜9999円の範囲で入力してください。")
      .max(9999, "金額は0〜9999円の範囲で入力してください。"),
    /** Applies from 00:00 JST of this day. */
    effectiveFrom: ymd("適用開始日"),
    /** Campaigns only: the last day (inclusive) of the campaign. */
    effectiveUntil: z.string().trim().optional(),
    note: z.string().trim().max(100, "備考は100文字以内で入力してください。").optional(),
  })
  .superRefine((v, c) => {
    if (v.kind !== "campaign") return;
    const until = ymd("終了日").safeParse(v.effectiveUntil ?? "");
    if (!until.success) {
      c.addIssue({ code: "custom", path: ["effectiveUntil"], message: until.error.issues[0]?.message ?? "終了日を入力してください。" });
    } else if (until.data < v.effectiveFrom) {
      c.addIssue({ code: "custom", path: ["effectiveUntil"], message: "終了日は適用開始日以降の日付を入力してください。" });
    }
  });
export type ScheduleFeeForm = z.input<typeof ZScheduleFeeForm>;

export const ZListFees = z.object({ municipalityId, certificateType: certificateType.optional() });

// ── Service windows ──────────────────────────────────────────────────────────
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const hhmmToMinute = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
export const minuteToHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

const time = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}を入力してください。`)
    .regex(HHMM, `${label}は「09:00」の形式で入力してください。`)
    .refine((s) => hhmmToMinute(s) >= SERVICE_OPEN_MINUTE && hhmmToMinute(s) <= SERVICE_CLOSE_MINUTE, `${label}は06:30〜23:00の範囲で入力してください。`);

/**
 * The hours of one type (or all types) on one day class. `closed` means no service that day class; otherwise
 * one window start–end. Saving replaces that day class's windows.
 */
export const ZServiceWindowForm = z
  .object({
    municipalityId,
    certificateType: typeOrAll,
    dayClass: z.enum(DAY_CLASSES, { error: "曜日区分を選んでください。" }),
    closed: z.boolean(),
    start: z.string().trim(),
    end: z.string().trim(),
  })
  .superRefine((v, c) => {
    if (v.closed) return;
    const start = time("開始時刻").safeParse(v.start);
    const end = time("終了時刻").safeParse(v.end);
    if (!start.success) c.addIssue({ code: "custom", path: ["start"], message: start.error.issues[0].message });
    if (!end.success) c.addIssue({ code: "custom", path: ["end"], message: end.error.issues[0].message });
    if (start.success && end.success && hhmmToMinute(start.data) >= hhmmToMinute(end.data))
      c.addIssue({ code: "custom", path: ["end"], message: "終了時刻は開始時刻より後の時刻を入力してください。" });
  });
export type ServiceWindowForm = z.input<typeof ZServiceWindowForm>;

/** Removes a type's (or the all-types) windows for a day class, so the general rule applies again. */
export const ZClearServiceWindows = z.object({ municipalityId, certificateType: typeOrAll, dayClass: z.enum(DAY_CLASSES) });

// ── Planned stops ────────────────────────────────────────────────────────────
export const localDateTime = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}を入力してください。`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${label}は「2026-12-01T09:00」の形式で入力してください。`);

export const ZPlannedStopForm = z
  .object({
    municipalityId,
    scope: z.enum(STOP_SCOPES, { error: "停止の対象を選んでください。" }),
    /** JST wall-clock, as from <input type="datetime-local">. */
    startsAt: localDateTime("開始日時"),
    endsAt: localDateTime("終了日時"),
    notice: z.string().trim().min(1, "お知らせ文を入力してください。").max(500, "お知らせ文は500文字以内で入力してください。"),
  })
  .superRefine((v, c) => {
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt)
      c.addIssue({ code: "custom", path: ["endsAt"], message: "終了日時は開始日時より後の日時を入力してください。" });
  });
export type PlannedStopForm = z.input<typeof ZPlannedStopForm>;

export const ZCancelPlannedStop = z.object({ municipalityId, stopId: z.string().uuid() });

// ── Emergency stops ──────────────────────────────────────────────────────────
export const ZEmergencyStopForm = z.object({
  municipalityId,
  certificateType: typeOrAll,
  reason: z.string().trim().min(1, "停止の理由を入力してください。").max(200, "停止の理由は200文字以内で入力してください。"),
});
export type EmergencyStopForm = z.input<typeof ZEmergencyStopForm>;

export const ZEndEmergencyStop = z.object({ municipalityId, emergencyStopId: z.string().uuid() });

// ── Month calendar ───────────────────────────────────────────────────────────
export const ZMonthAvailability = z.object({
  municipalityId,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月は「2026-12」の形式で指定してください。"),
});

export const DAY_STATUS_LABELS = { full: "全日", partial: "一部", stopped: "停止", year_end: "年末年始", not_offered: "未提供" } as const;
export type DayStatus = keyof typeof DAY_STATUS_LABELS;

