import { z } from "zod";
import { isCalendarDate } from "../jst";

// 住民照会 (resident inquiry, docs/decisions/0013-resident-inquiry.md): the search form (a GET form) and the
// detail reference. Shared by the page and the server verbs. Messages are Japanese.

/**
 * カナ as staff type it: full-width or half-width katakana or hiragana, with or without spaces, compared as
 * full-width katakana without spaces (NFKC folds half-width katakana; hiragana shifts to katakana).
 */
export function normalizeKana(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, "");
}

/** Card certificate serials as typed: full-width to ASCII, upper case, no spaces. */
export function normalizeCardSerial(raw: string): string {
  return raw.normalize("NFKC").toUpperCase().replace(/\s+/g, "");
}

const KATAKANA = /^[\u30A1-\u30FA\u30FC]+$/;
// GET forms send "" for an empty field: treat it as absent.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const ZResidentSearch = z
  .object({
    kana: optional(
      z
        .string()
        .max(40, "フリガナは40文字以内で入力してください。")
        .transform(normalizeKana)
        .pipe(z.string().min(1, "フリガナを入力してください。").regex(KATAKANA, "フリガナはカタカナ（またはひらがな）で入力してください。")),
    ),
    birthDate: optional(z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "生年月日を年・月・日から選んでください。").refine(isCalendarDate, "存在しない日付です。")),
    cardSerial: optional(
      z
        .string()
        .max(64, "シリアル番号は64文字以内で入力してください。")
        .transform(normalizeCardSerial)
        .pipe(z.string().regex(/^[A-Z0-9-]{1,64}$/, "シリアル番号は英数字とハイフンで入力してください。")),
    ),
  })
  .refine((v) => v.kana !== undefined || v.birthDate !== undefined || v.cardSerial !== undefined, { path: ["kana"], message: "フリガナ、生年月日、カードのシリアル番号のいずれかを入力してください。" });

export type ResidentSearchInput = z.input<typeof ZResidentSearch>;
export type ResidentSearch = z.output<typeof ZResidentSearch>;

export const ZResidentRef = z.object({ residentId: z.uuid("住民が見つかりません。") });

export const RESIDENT_STATUS_LABELS = { active: "住民", moved_out: "転出", deceased: "死亡" } as const;
export type ResidentStatusName = keyof typeof RESIDENT_STATUS_LABELS;

/** A card certificate as staff read it: by status and validity on the day of the inquiry. */
export const CARD_STATE_LABELS = { valid: "有効", not_yet_valid: "有効期間前", expired: "期限切れ", suspended: "一時停止", revoked: "失効" } as const;
export type CardStateName = keyof typeof CARD_STATE_LABELS;

export const CARD_KIND_LABELS = { card: "マイナンバーカード", smartphone: "スマホ用電子証明書" } as const;

export const SEAL_STATUS_LABELS = { active: "登録中", abolished: "廃止" } as const;

/** The keys of a 支援措置's (decrypted) details, as the back-office feed sends them; others show as their key. */
export const SUPPORT_MEASURE_DETAIL_LABELS: Record<string, string> = {
  measureType: "措置の種類",
  applicant: "申出者",
  restrictedRequests: "制限する請求",
  confirmedBy: "確認機関",
  note: "備考",
};
