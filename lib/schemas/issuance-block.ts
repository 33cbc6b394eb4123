import { z } from "zod";

// 交付停止 (counter block): staff stop kiosk issuance for one resident at once (docs/decisions/0011).

export const ISSUANCE_BLOCK_REASONS = {
  support_measure_request: "支援措置の申出",
  card_lost: "カード紛失",
  own_request: "本人の申出",
  other: "その他",
} as const;
export type IssuanceBlockReasonId = keyof typeof ISSUANCE_BLOCK_REASONS;

const reasonIds = Object.keys(ISSUANCE_BLOCK_REASONS) as [IssuanceBlockReasonId, ...IssuanceBlockReasonId[]];

export const ZIssuanceBlockForm = z
  .object({
    residentNo: z
      .string()
      .trim()
      .min(1, "住民番号を入力してください。")
      .max(20, "住民番号は20文字以内で入力してください。")
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "住民番号は半角英数字で入力してください。"),
    reason: z.enum(reasonIds, { message: "停止の理由を選んでください。" }),
    note: z.string().trim().max(200, "内容は200文字以内で入力してください。").default(""),
  })
  .refine((v) => v.reason !== "other" || v.note.length > 0, { path: ["note"], message: "「その他」の場合は内容を入力してください。" });
export type IssuanceBlockForm = z.input<typeof ZIssuanceBlockForm>;

export const ZLiftIssuanceBlock = z.object({ blockId: z.string().uuid("対象が正しくありません。") });
