import { errorMessage } from "@/lib/error-messages";
import type { RESIDENCE_ENTRY_ITEMS } from "@/lib/schemas/kiosk";

// Japanese text of the kiosk screens that does not come from the API.

export type EntryItem = (typeof RESIDENCE_ENTRY_ITEMS)[number];

/** 住民票記載事項証明書: the items a resident may ask to be certified, in the order of the API. */
export const ENTRY_ITEM_LABELS: Record<EntryItem, string> = {
  name: "氏名",
  kana: "氏名のフリガナ",
  dateOfBirth: "生年月日",
  sex: "性別",
  address: "住所",
  householdHead: "世帯主",
  relationship: "続柄",
  becameResidentOn: "住民となった日",
  addressSetOn: "住所を定めた日",
  previousAddress: "前住所",
  honseki: "本籍",
};

const yenFormat = new Intl.NumberFormat("ja-JP");
export const yen = (amount: number): string => `¥${yenFormat.format(amount)}`;

// Errors of the simulator and of the API that are not refusals (refusals carry their own message).
const KIOSK_ERRORS: Record<string, string> = {
  session_expired: "操作の有効時間が過ぎました。最初からやり直してください。",
  network_error: "交付センターと通信できませんでした。もう一度お試しください。",
  unexpected_response: "交付センターから想定外の応答がありました。最初からやり直してください。",
  issuance_timeout: "証明書の作成に時間がかかったため、中止しました。もう一度お試しください。",
  server_busy: "ただいま混み合っています。しばらくしてからもう一度お試しください。",
  idempotency_key_in_progress: "前の発行処理がまだ終わっていません。しばらくしてからもう一度お試しください。",
  idempotency_key_conflict: "発行の要求が重複しました。最初からやり直してください。",
  pdf_self_check_failed: "証明書の作成中に問題が見つかったため、発行を中止しました。手数料はかかりません。",
  pdf_no_longer_available: "この証明書はもう印刷できません。最初からやり直してください。",
  completion_conflict: "この証明書の処理はすでに完了しています。",
  issuance_not_found: "発行の記録が見つかりません。最初からやり直してください。",
  municipality_unknown: "この市区町村ではサービスを提供していません。",
  client_not_allowed: "この端末からはこの市区町村の証明書を取得できません。",
};

export function kioskErrorMessage(code: string): string {
  return Object.hasOwn(KIOSK_ERRORS, code) ? KIOSK_ERRORS[code] : errorMessage(code);
}

export const PIN_WRONG = (remaining: number) => `暗証番号が違います。あと${remaining}回間違えるとロックされます。`;
export const PIN_LOCKED = "暗証番号がロックされました。お住まいの市区町村の窓口でロック解除の手続きをしてください。";
export const NO_CERTIFICATES = "現在、取得できる証明書はありません";
export const CANCELLED = "取り消しました。手数料はかかりません。";

/** The staff panel's datetime-local value (Japan time) as the ISO instant sent in X-Clock-Override. */
export function clockToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(`${value.length === 16 ? `${value}:00` : value}+09:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
