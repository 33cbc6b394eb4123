import { z } from "zod";

// Statistics, monthly reports and settlement: filters and forms. Each schema is shared by the page or the
// react-hook-form resolver and the server verb.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = (label: string) =>
  z
    .string({ error: `${label}を入力してください。` })
    .trim()
    .min(1, `${label}を入力してください。`)
    .regex(MONTH, `${label}は「2026-11」の形式で入力してください。`);

/** The target municipality: omitted by municipal staff (their own); the operator may name one or none (all). */
const municipalityId = z.string().uuid("自治体の指定が正しくありません。").optional();

export const ZStatisticsQuery = z.object({ municipalityId, month: month("対象月") });
export type StatisticsQuery = z.input<typeof ZStatisticsQuery>;

export const ZReportRequest = z.object({ municipalityId, month: month("対象月") });
export type ReportRequest = z.input<typeof ZReportRequest>;

export const ZSettlementQuery = z.object({ municipalityId, month: month("対象月") });

const yen = (label: string, max: number) =>
  z.coerce
    .number({ error: `${label}を数字で入力してください。` })
    .int(`${label}は整数で入力してください。`)
    .min(0, `${label}は0〜${max.toLocaleString("ja-JP")}の範囲で入力してください。`)
    .max(max, `${label}は0〜${max.toLocaleString("ja-JP")}の範囲で入力してください。`);

export const ZCommissionRateForm = z.object({
  municipalityId,
  /** Empty: every chain without a rate of its own. */
  storeChain: z
    .string()
    .trim()
    .max(40, "コンビニチェーンは40文字以内で入力してください。")
    .regex(/^[a-z0-9-]*$/, "コンビニチェーンは英小文字・数字・ハイフンの識別子（例 seven-eleven）で入力してください。"),
  amount: yen("委託手数料", 10_000),
  effectiveFrom: z
    .string()
    .trim()
    .min(1, "適用開始日を入力してください。")
    .regex(/^\d{4}-\d{2}-\d{2}$/, "適用開始日は「2026-12-01」の形式で入力してください。")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "適用開始日が正しい日付ではありません。"),
  note: z.string().trim().max(100, "備考は100文字以内で入力してください。").optional(),
});
export type CommissionRateForm = z.input<typeof ZCommissionRateForm>;

export const ZCounterCountForm = z.object({
  municipalityId,
  month: month("対象月"),
  copies: yen("窓口での発行通数", 10_000_000),
});
export type CounterCountForm = z.input<typeof ZCounterCountForm>;

export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"] as const;
