import { z } from "zod";
import { isCalendarDate } from "../jst";

// Settings staff change on the settings screen (docs/decisions/0014-municipal-settings.md). Each schema is
// shared by the react-hook-form resolver and the server verb.

/** The target municipality: omitted by municipal staff (their own), required for the operator. */
const municipalityId = z.string().uuid("自治体の指定が正しくありません。").optional();

const day = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}を入力してください。`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}は「2026-12-01」の形式で入力してください。`)
    .refine(isCalendarDate, `${label}が正しい日付ではありません。`);

const int = (label: string, min: number, max: number, unit = "") =>
  z.coerce
    .number({ error: `${label}を数字で入力してください。` })
    .int(`${label}は整数で入力してください。`)
    .min(min, `${label}は${min}〜${max}${unit}の範囲で入力してください。`)
    .max(max, `${label}は${min}〜${max}${unit}の範囲で入力してください。`);

// ── Issuance settings (take an effective day) ────────────────────────────────
/**
 * The settings that decide whether a certificate is issued. A change applies from 00:00 JST of
 * `effectiveFrom` (from the moment of saving when that day is today); the day may not be in the past.
 */
export const ZIssuanceSettingsForm = z.object({
  municipalityId,
  usableFromNextDay: z.boolean(),
  nameMaxLength: int("氏名欄の1行の文字数", 1, 100, "文字"),
  nameMaxLines: int("氏名欄の行数", 1, 5, "行"),
  addressMaxLength: int("住所欄の1行の文字数", 1, 200, "文字"),
  addressMaxLines: int("住所欄の行数", 1, 5, "行"),
  excludeAdultWards: z.boolean(),
  effectiveFrom: day("適用開始日"),
});
export type IssuanceSettingsForm = z.input<typeof ZIssuanceSettingsForm>;
export type IssuanceSettingValues = Omit<z.output<typeof ZIssuanceSettingsForm>, "municipalityId" | "effectiveFrom">;

export const ZCancelIssuanceSettings = z.object({ municipalityId, versionId: z.string().uuid() });

// ── Operational settings (apply from saving) ─────────────────────────────────
export const ZOperationalSettingsForm = z.object({
  municipalityId,
  pdfRetentionHours: int("PDFの保存時間", 1, 168, "時間"),
  registrationReviewDays: int("利用登録の審査期限", 1, 30, "開庁日"),
  /** Whether the kiosk service closes 12/29–1/3. */
  yearEndClosure: z.boolean(),
});
export type OperationalSettingsForm = z.input<typeof ZOperationalSettingsForm>;

// ── Local closure days ───────────────────────────────────────────────────────
export const ZClosureDayForm = z.object({
  municipalityId,
  day: day("休止日"),
  reason: z.string().trim().min(1, "休止の理由を入力してください。").max(100, "休止の理由は100文字以内で入力してください。"),
});
export type ClosureDayForm = z.input<typeof ZClosureDayForm>;

export const ZRemoveClosureDay = z.object({ municipalityId, closureDayId: z.string().uuid() });

export const ZGetMunicipalSettings = z.object({ municipalityId });

// ── Field limits ─────────────────────────────────────────────────────────────
/**
 * Lines a value of `length` characters takes in a field of `perLine` characters a line. A certificate's name
 * and address fields hold `maxLines` lines; a value needing more is refused (the counter issues it).
 */
export function linesNeeded(length: number, perLine: number): number {
  return length === 0 ? 0 : Math.ceil(length / perLine);
}

export function fitsField(length: number, perLine: number, maxLines: number): boolean {
  return linesNeeded(length, perLine) <= maxLines;
}
