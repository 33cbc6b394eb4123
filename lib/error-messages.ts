import type { ErrorCode } from "./error-codes";
import type { IMPORT_INTERRUPTED } from "./import-feeds";
import { REFUSAL_MESSAGES, type RefusalCode } from "./refusal-reasons";

// Japanese text for every error code (the closed table of lib/error-codes.ts) and for the sign-in codes that
// server/auth/verify-credentials.ts and next-auth put in the sign-in page's URL. The server returns codes only
// (its messages are English, for logs); the UI picks the text here. A code without text here does not compile.

/** Codes of the sign-in page that are not AppErrors: verifyCredentials' refusals and next-auth's own. */
export type SignInCode = "invalid_credentials" | "disabled" | "CredentialsSignin" | "SessionRequired";

/** Every code a screen may have to show: errors, sign-in refusals, and an import job's end without an error. */
export type MessageCode = ErrorCode | SignInCode | typeof IMPORT_INTERRUPTED;

export type ErrorMessages = Readonly<Record<MessageCode, string>>;

// Refusal reasons show the kiosk's message (lib/refusal-reasons.ts) unless a line here says otherwise.
const MESSAGES: Record<Exclude<MessageCode, RefusalCode>, string> & Partial<Record<RefusalCode, string>> = {
  // Sign-in
  // One answer for an unknown id, a wrong password and an account resting after repeated failures, so the
  // answer never tells which login ids exist (server/auth/verify-credentials.ts); hence the hint to wait.
  invalid_credentials: "ログインIDまたはパスワードが正しくありません。誤りが続いた場合は、正しく入力してもしばらくログインできません。時間をおいてから再度お試しください。",
  // The per-address or global limit on sign-in attempts, and the wait after wrong codes or current passwords.
  throttled: "ログインの試行が続いたため、しばらく時間をおいてから再度お試しください。",
  disabled: "このアカウントは利用できません。管理者にお問い合わせください。",
  // next-auth's own codes, in case they reach the sign-in page (e.g. authorize returned null).
  CredentialsSignin: "ログインIDまたはパスワードが正しくありません。",
  SessionRequired: "ログインしてください。",

  // Staff accounts, own account and MFA (server/staff/*)
  login_id_taken: "このログインIDはすでに使われています。",
  municipality_required: "自治体の職員には自治体コードが必要です。",
  municipality_not_found: "この自治体コードの自治体は登録されていません。",
  password_equals_login_id: "ログインIDと同じパスワードは使えません。",
  invalid_current_password: "現在のパスワードが正しくありません。",
  password_change_required: "パスワードの変更が必要です。パスワードを変更してから操作してください。",
  last_admin: "最後の管理者は無効化・役割変更できません。先に別の管理者を登録してください。",
  cannot_change_self: "自分自身のアカウントに対しては、この操作はできません。",
  role_scope_mismatch: "運用事業者と自治体の役割は相互に変更できません。新しいアカウントを作成してください。",
  invalid_code: "確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。",
  mfa_not_enrolled: "2段階認証が設定されていません。設定画面から設定してください。",
  mfa_already_enrolled: "2段階認証はすでに設定されています。",
  mfa_enrolment_not_started: "設定を開始してから確認コードを入力してください。",

  // Back-office imports (the line-numbered messages come with the job; these are the job-level codes)
  removal_share_exceeded: "全件取込で削除（転出・失効）になる件数が上限の割合を超えるため、何も取り込んでいません。ファイルを確認し、削除を承認して再実行してください。",
  import_interrupted: "取込の処理が途中で停止したため、何も取り込んでいません。もう一度取り込んでください。",
  import_rejected: "ファイルに誤りがあるため、何も取り込んでいません。表示された行の誤りを直してから、もう一度取り込んでください。",
  import_failed: "取込中にシステムエラーが発生したため、何も取り込んでいません。時間をおいて再度お試しください。",

  // Municipalities, API clients, service configuration, incidents
  municipality_code_taken: "この団体コードの自治体はすでに登録されています。",
  official_seal_required: "公印の画像が登録されていないため、「稼働中」にできません。先に公印の画像を登録してください。",
  // 公印 upload (the seal route)
  seal_missing: "画像ファイルを選択してください。",
  seal_too_large: "公印の画像は1MB以下のPNGファイルにしてください。",
  seal_not_png: "PNG形式の画像ファイルを選択してください。",
  seal_bad_dimensions: "公印の画像は縦横32〜2000ピクセルにしてください。",
  api_client_revoked: "このAPIクライアントはすでに失効しています。",
  scope_requires_municipality: "取込の権限は、対象自治体を1つに限定したクライアントにだけ付与できます。",
  // Machine API (kiosk, imports): the client's key is valid but not granted this operation.
  scope_not_granted: "このAPIクライアントには、この操作の権限がありません。",
  client_not_allowed: "このAPIクライアントは、この市区町村を取り扱えません。",
  client_not_confined: "取込には、対象自治体を1つに限定したAPIクライアントが必要です。",
  fee_in_past: "適用開始日は明日以降の日付を入力してください。",
  stop_in_past: "開始日時は現在より後の日時を入力してください。",
  emergency_stop_running: "この対象の緊急停止はすでに実施中です。",
  incident_state_conflict: "インシデントの状態が変わっているため、この操作はできません。画面を再読み込みしてください。",

  // General
  validation_failed: "入力内容に誤りがあります。表示された内容を確認して、もう一度お試しください。",
  bad_request: "リクエストの内容が正しくありません。",
  unauthenticated: "ログインしてください。",
  forbidden: "この操作を行う権限がありません。",
  not_found: "対象が見つかりません。",
  conflict: "ほかの操作と競合しました。画面を再読み込みしてから、もう一度お試しください。",
  rate_limited: "操作が集中しています。しばらく時間をおいてから再度お試しください。",
  service_unavailable: "現在サービスを利用できません。しばらく時間をおいてから再度お試しください。",
  // The database is down or restarting (503 with Retry-After): nothing to fix on the caller's side but waiting.
  database_unavailable: "ただいまシステムに接続できません。しばらく時間をおいてから再度お試しください。",
  internal_error: "エラーが発生しました。しばらく時間をおいてから再度お試しください。",
  method_not_allowed: "この操作はこの画面では行えません。",
  method_not_implemented: "この操作には対応していません。",

  // Request edge of the signed APIs (kiosk, imports): seen by a developer of a client, or in the simulator
  payload_too_large: "送信したデータが大きすぎます。",
  unsupported_media_type: "送信したデータの形式に対応していません。",
  malformed_json: "送信したデータを読み取れません。",
  content_digest_mismatch: "送信したデータが署名の内容と一致しません。",
  signature_parameter_too_long: "リクエストの署名が長すぎます。",
  signature_missing: "リクエストに署名がありません。",
  unknown_client: "このAPIクライアントは登録されていません。",
  client_revoked: "このAPIクライアントは失効しています。",
  signature_algorithm_unsupported: "リクエストの署名方式に対応していません。",
  signature_components_missing: "リクエストの署名の対象が不足しています。",
  signature_expired: "リクエストの署名の有効時間が過ぎています。端末の時刻を確認してください。",
  signature_invalid: "リクエストの署名が正しくありません。",
  signature_replayed: "このリクエストはすでに受け付けています。",

  // Kiosk issuance and completion
  idempotency_key_required: "発行の要求に識別キーがありません。",
  idempotency_key_in_progress: "前の発行処理がまだ終わっていません。しばらくしてからもう一度お試しください。",
  idempotency_key_conflict: "発行の要求が重複しました。最初からやり直してください。",
  my_number_missing: "個人番号の記録がないため、個人番号入りの証明書は発行できません。窓口にお問い合わせください。",
  pdf_no_longer_available: "この証明書はもう印刷できません。最初からやり直してください。",
  issuance_timeout: "証明書の作成に時間がかかったため、中止しました。もう一度お試しください。",
  server_busy: "ただいま混み合っています。しばらくしてからもう一度お試しください。",
  certificate_data_invalid: "証明書のもととなるデータに不整合があるため、発行できません。窓口にお問い合わせください。",
  pdf_self_check_failed: "証明書の作成中に問題が見つかったため、発行を中止しました。手数料はかかりません。",
  issuance_not_found: "発行の記録が見つかりません。最初からやり直してください。",
  completion_conflict: "この証明書の処理はすでに完了しています。",

  // 本籍地 利用登録 (public form, status page, staff review)
  municipality_unknown: "選択された市区町村では受け付けていません。",
  municipality_not_active: "この市区町村では現在サービスを提供していません。",
  registration_intake_closed: "ただいま、この市区町村では利用登録の受付を停止しています。停止期間が終わってから申請してください。",
  registration_not_found: "受付番号と生年月日に一致する申請が見つかりません。入力内容を確認してください。",
  verification_not_found: "この発行番号と照合番号の組み合わせに一致する証明書は見つかりませんでした。証明書に印字された番号を確認して、もう一度入力してください。",
  registration_already_decided: "この申請は既に処理されています。画面を再読み込みしてください。",
  registration_card_missing: "マイナンバーカードによる申請がまだないため、承認できません。",
  koseki_member_invalid: "選択された戸籍の記録は、この市区町村の現在の戸籍にありません。",
  registration_not_needed: "お住まいの市区町村が本籍地のため、利用登録は必要ありません。",
  koseki_registration_exists: "このカードでは、この市区町村への利用登録をすでに申請済み、または登録済みです。",
  pre_registration_not_found: "入力された受付番号の事前申請が見つかりません。受付番号を確認してください。",
  // 交付停止 (counter block)
  block_resident_not_found: "この住民番号の住民は登録されていません。",
  issuance_block_exists: "この住民にはすでに交付停止が設定されています。",
  issuance_block_lifted: "この交付停止はすでに解除されています。画面を再読み込みしてください。",
  // Void (無効) and recall of issuances (staff)
  issuance_already_void: "この証明書はすでに無効にされています。無効は取り消せないため、最初の記録のままです。画面を再読み込みしてください。",
  issuance_not_printed: "印刷が完了していない発行記録は無効にできません（証明書は交付されていません）。",
  issuance_numbers_unknown: "この自治体の発行記録にない発行番号があります。入力内容を確認してください。",
  // Statistics and monthly reports
  report_not_found: "月次報告が見つかりません。",
  report_month_in_future: "まだ始まっていない月の報告は作成できません。",
  // Municipal settings
  setting_date_in_past: "過去の日付は指定できません。今日以降の日付を入力してください。",
  setting_change_in_force: "この変更はすでに適用されているため取り消せません。新しい変更を予約してください。",
  closure_day_exists: "この日はすでに休止日として登録されています。",
  // Mayor and 公印 history
  mayor_seal_in_past: "適用開始日は今日以降の日付を指定してください。発行済みの証明書に合わせるため、過去の日付からは登録できません。",
  mayor_seal_date_taken: "この適用開始日の登録がすでにあります。別の日付を指定してください。",
  alert_webhook_url_not_allowed: "WebhookのURLは https:// で始まるものを指定してください（http://localhost はデモ・試験環境でのみ使えます）。",
  // Metrics endpoint
  metrics_token_invalid: "メトリクスを読むためのトークンがないか、正しくありません。",
  metrics_address_not_allowed: "この接続元からはメトリクスを読めません。",
};

export const ERROR_MESSAGES: ErrorMessages = { ...REFUSAL_MESSAGES, ...MESSAGES };

const FALLBACK = "エラーが発生しました。しばらく時間をおいてから再度お試しください。";

/**
 * The Japanese message for a code. Takes any string, since codes also arrive from outside the type system (a
 * problem+json answer, the sign-in page's URL): one not in the table gets a generic message, never the raw code.
 */
export function errorMessage(code: string): string {
  return Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as MessageCode] : FALLBACK;
}
