import { z } from "zod";
import { BIRTH_CALENDARS, dateFromCalendar, type BirthCalendar } from "../wareki";
import { ZMunicipalityCode } from "./identifiers";

// 本籍地 利用登録 (DOMAIN.md §4): the public pre-registration form, the status lookup and the staff review.
// One schema per form, shared by the react-hook-form resolver and the server verb. Messages are Japanese.

/** Receipt numbers: 12 characters of Crockford base32 (no I, L, O, U) in groups of four, e.g. K7QX-M2PA-9TRB. */
export const RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Upper case, full-width to ASCII, hyphens re-inserted; what the resident types may differ in those ways. */
export function normalizeReceiptNo(raw: string): string {
  const compact = raw.normalize("NFKC").toUpperCase().replace(/[\s\-‐－ー―]/g, "");
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : compact;
}

export const ZReceiptNo = z
  .string({ error: "受付番号を入力してください。" })
  .transform(normalizeReceiptNo)
  .pipe(z.string().regex(RECEIPT_PATTERN, "受付番号は「XXXX-XXXX-XXXX」の形（英数字12文字）で入力してください。"));

const KATAKANA = /^[\u30A1-\u30FA\u30FC\u3000 ]+$/;

const name = (label: string, max = 30) =>
  z.string({ error: `${label}を入力してください。` }).trim().min(1, `${label}を入力してください。`).max(max, `${label}は${max}文字以内で入力してください。`);
const kana = (label: string) =>
  name(label).regex(KATAKANA, `${label}は全角カタカナで入力してください。`);

/** Date of birth as typed: a calendar (西暦 or an era) and year, month, day as the inputs give them (strings). */
export const ZBirthDateFields = z.object({
  birthCalendar: z.enum(BIRTH_CALENDARS, { message: "西暦または元号を選択してください。" }),
  birthYear: z.string({ error: "年を数字で入力してください。" }).trim().regex(/^\d{1,4}$/, "年を数字で入力してください。"),
  birthMonth: z.string({ error: "月を数字で入力してください。" }).trim().regex(/^\d{1,2}$/, "月を数字で入力してください。"),
  birthDay: z.string({ error: "日を数字で入力してください。" }).trim().regex(/^\d{1,2}$/, "日を数字で入力してください。"),
});
export type BirthDateFields = z.infer<typeof ZBirthDateFields>;

export function birthDateOf(v: BirthDateFields): string | null {
  return dateFromCalendar(v.birthCalendar as BirthCalendar, Number(v.birthYear), Number(v.birthMonth), Number(v.birthDay));
}

function checkBirthDate(v: BirthDateFields, ctx: z.RefinementCtx) {
  if (!/^\d+$/.test(v.birthYear) || !/^\d+$/.test(v.birthMonth) || !/^\d+$/.test(v.birthDay)) return;
  const ymd = birthDateOf(v);
  if (!ymd) ctx.addIssue({ code: "custom", path: ["birthDay"], message: "生年月日が正しくありません。存在する日付を入力してください。" });
  else if (ymd > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: "custom", path: ["birthYear"], message: "生年月日に未来の日付は入力できません。" });
}

/** What a form post that is not an object at all is told (a hand-made call; the page always sends one). */
const FORM_SHAPE = { error: "入力内容を読み取れませんでした。もう一度入力してください。" };

export const ZPreRegistrationForm = z
  .object({
    honsekiMunicipalityCode: ZMunicipalityCode,
    familyName: name("氏"),
    givenName: name("名"),
    familyNameKana: kana("氏（フリガナ）"),
    givenNameKana: kana("名（フリガナ）"),
    ...ZBirthDateFields.shape,
    currentAddress: z.string({ error: "現住所を入力してください。" }).trim().min(1, "現住所を入力してください。").max(120, "現住所は120文字以内で入力してください。"),
    honsekiAddress: z.string({ error: "本籍の町名・番地を入力してください。" }).trim().min(1, "本籍の町名・番地を入力してください。").max(80, "本籍の町名・番地は80文字以内で入力してください。"),
    kosekiHeadName: name("筆頭者の氏名", 40),
    email: z
      .string({ error: "メールアドレスの形式が正しくありません。" })
      .trim()
      .max(254, "メールアドレスは254文字以内で入力してください。")
      .refine((s) => s === "" || z.string().email().safeParse(s).success, "メールアドレスの形式が正しくありません。"),
    consent: z.boolean({ error: "内容を確認のうえ、同意してください。" }).refine((v) => v, "内容を確認のうえ、同意してください。"),
  }, FORM_SHAPE)
  .superRefine(checkBirthDate);
export type PreRegistrationFormInput = z.infer<typeof ZPreRegistrationForm>;

export const ZRegistrationStatusLookup = z.object({ receiptNo: ZReceiptNo, ...ZBirthDateFields.shape }, FORM_SHAPE).superRefine(checkBirthDate);
export type RegistrationStatusLookupInput = z.input<typeof ZRegistrationStatusLookup>;

// ───────────── staff review ─────────────

export const REGISTRATION_STATUSES = ["pending", "approved", "rejected", "reregistration_needed", "withdrawn"] as const;
export type RegistrationStatusName = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatusName, string> = {
  pending: "審査中",
  approved: "登録済み",
  rejected: "登録できませんでした",
  reregistration_needed: "再登録が必要",
  withdrawn: "引き継ぎ済み",
};

/** Why a registration was rejected: stable codes, Japanese labels shown to staff and in the notice. */
export const REJECT_REASONS = {
  record_not_found: "本籍地の戸籍に該当する方が見つかりません",
  honseki_mismatch: "本籍が戸籍の記載と一致しません",
  koseki_head_mismatch: "筆頭者が戸籍の記載と一致しません",
  identity_mismatch: "氏名または生年月日が戸籍の記載と一致しません",
  card_not_bound: "マイナンバーカードによる申請がありません",
  duplicate: "同じ内容の申請が既にあります",
  other: "その他（窓口にお問い合わせください）",
} as const;
export type RejectReasonCode = keyof typeof REJECT_REASONS;
export const REJECT_REASON_CODES = Object.keys(REJECT_REASONS) as [RejectReasonCode, ...RejectReasonCode[]];

export const REREGISTRATION_REASONS = {
  card_revoked: "電子証明書が失効しました",
  card_renewed: "新しい電子証明書が発行されました",
} as const;
export type ReregistrationReason = keyof typeof REREGISTRATION_REASONS;

export const ZRegistrationRef = z.object({ registrationId: z.string().uuid("対象の申請が正しくありません。") });

export const ZApproveRegistration = ZRegistrationRef.extend({
  kosekiMemberId: z.string({ message: "照合する戸籍の記録を選択してください。" }).uuid("照合する戸籍の記録を選択してください。"),
});
export type ApproveRegistrationInput = z.infer<typeof ZApproveRegistration>;

export const ZRejectRegistration = ZRegistrationRef.extend({
  reasonCode: z.enum(REJECT_REASON_CODES, { message: "理由を選択してください。" }),
  note: z.string().trim().max(200, "補足は200文字以内で入力してください。").default(""),
});
export type RejectRegistrationInput = z.input<typeof ZRejectRegistration>;

export const REGISTRATION_QUEUE_FILTERS = ["pending", "overdue", "awaiting_card", "decided", "all"] as const;
export const REGISTRATION_QUEUE_FILTER_LABELS: Record<(typeof REGISTRATION_QUEUE_FILTERS)[number], string> = {
  pending: "審査待ち",
  overdue: "期限超過",
  awaiting_card: "事前登録（カード申請待ち）",
  decided: "処理済み",
  all: "すべて",
};
export const ZRegistrationQueue = z.object({
  filter: z.enum(REGISTRATION_QUEUE_FILTERS).default("pending"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type RegistrationQueueInput = z.input<typeof ZRegistrationQueue>;
