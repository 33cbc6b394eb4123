import { errorMessage } from "@/lib/error-messages";
import { jstInstant } from "@/lib/jst";

// Japanese text of the kiosk screens that does not come from the API.


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
  const at = jstInstant(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

// ---- 本籍地 利用登録 ------------------------------------------------------------------------------------

export const REGISTRATION_DONE = "本籍地の市区町村が申請内容を確認します。結果が出るまで数日（土日・祝日・年末年始を除く）かかります。";
export const REGISTRATION_AFTER =
  "登録が済むと、このカードで本籍地の戸籍証明書・戸籍の附票の写しを取得できるようになります。審査の状況は、受付番号で「利用登録の状況確認」のページから確認できます。";
export const REGISTRATION_CONSENT = [
  "本籍地の市区町村に利用登録を申請します。",
  "申請者の氏名・生年月日・住所は、マイナンバーカードの電子証明書によりお住まいの市区町村の住民記録から本籍地の市区町村へ提供されます。",
  "本籍地の市区町村が戸籍と照合して審査します。登録までに数日かかり、登録されるまで本籍地の証明書は取得できません。",
  "登録はこのカードの電子証明書に結び付けられます。カードや電子証明書を更新したときは、あらためて利用登録が必要です。",
] as const;

/** Why the application was not accepted (codes of POST /koseki-registrations that are not card refusals). */
const REGISTRATION_REFUSALS: Record<string, string> = {
  registration_intake_closed: "ただいま、この市区町村では利用登録の受付を停止しています。停止期間が終わってから申請してください。",
  registration_not_needed: "お住まいの市区町村が本籍地のため、利用登録は必要ありません。「本籍地の証明書」からそのまま取得できます。",
  koseki_registration_exists: "このカードでは、この市区町村への利用登録をすでに申請済み、または登録済みです。あらためて申請する必要はありません。",
  pre_registration_not_found: "入力された受付番号の事前申請が見つかりません。受付番号を確認するか、受付番号を入力せずに申請してください。",
  municipality_unknown: "この市区町村では、コンビニ交付の利用登録を受け付けていません。",
  municipality_not_active: "この市区町村では現在サービスを提供していません。",
  client_not_allowed: "この端末からはこの市区町村に利用登録を申請できません。",
};

export function registrationRefusalMessage(code: string): string {
  return Object.hasOwn(REGISTRATION_REFUSALS, code) ? REGISTRATION_REFUSALS[code] : kioskErrorMessage(code);
}

export const REGISTRATION_STATUS: Record<"pending" | "approved", string> = { pending: "審査中", approved: "登録済み" };
