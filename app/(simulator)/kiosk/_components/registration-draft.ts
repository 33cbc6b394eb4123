// The 本籍地 利用登録 application as the kiosk collects it, and its checks before it is sent (pure).

/** What the resident entered for the application. */
export type RegistrationDraft = {
  /** A demo municipality's code, or "other" with the code typed in `otherCode`. */
  choice: string;
  otherCode: string;
  receiptNo: string;
  honsekiAddress: string;
  kosekiHeadName: string;
};

export const EMPTY_REGISTRATION: RegistrationDraft = { choice: "", otherCode: "", receiptNo: "", honsekiAddress: "", kosekiHeadName: "" };

/** The refusal screen's content (codes of POST /koseki-registrations). */
export type RegistrationRefused = { code: string; receiptNo?: string; registrationStatus?: "pending" | "approved"; notice?: string | null };

export const OTHER = "other";
const RECEIPT_NO = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export const normalizeReceiptNo = (value: string) =>
  value
    .trim()
    .toUpperCase()
    .replace(/[Ａ-Ｚ０-９－]/g, (ch) => (ch === "－" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));

export function registrationCode(d: RegistrationDraft): string {
  return d.choice === OTHER ? d.otherCode.trim() : d.choice;
}

export type DraftErrors = Partial<Record<"choice" | "otherCode" | "receiptNo" | "honsekiAddress" | "kosekiHeadName", string>>;

export function registrationDraftErrors(d: RegistrationDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.choice) errors.choice = "本籍地の市区町村を選んでください。";
  else if (d.choice === OTHER && !/^\d{6}$/.test(d.otherCode.trim())) errors.otherCode = "団体コードを半角数字6桁で入力してください。";
  const receipt = normalizeReceiptNo(d.receiptNo);
  if (receipt) {
    if (!RECEIPT_NO.test(receipt)) errors.receiptNo = "受付番号は「XXXX-XXXX-XXXX」の形（英数字12桁）で入力してください。";
  } else {
    if (!d.honsekiAddress.trim()) errors.honsekiAddress = "本籍（町名・番地）を入力してください。";
    else if (d.honsekiAddress.trim().length > 80) errors.honsekiAddress = "本籍は80文字以内で入力してください。";
    if (!d.kosekiHeadName.trim()) errors.kosekiHeadName = "筆頭者の氏名を入力してください。";
    else if (d.kosekiHeadName.trim().length > 40) errors.kosekiHeadName = "筆頭者の氏名は40文字以内で入力してください。";
  }
  return errors;
}
