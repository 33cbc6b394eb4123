// Japanese text for error codes (AppError codes from server/errors.ts and the sign-in codes thrown by
// server/auth/auth-options.ts). The server returns codes only; the UI picks the text here. Add one line per code.
export const ERROR_MESSAGES: Record<string, string> = {
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

  // Municipalities, API clients, service configuration, incidents
  municipality_code_taken: "この団体コードの自治体はすでに登録されています。",
  official_seal_required: "公印の画像が登録されていないため、「稼働中」にできません。先に公印の画像を登録してください。",
  api_client_revoked: "このAPIクライアントはすでに失効しています。",
  scope_requires_municipality: "取込の権限は、対象自治体を1つに限定したクライアントにだけ付与できます。",
  // Machine API (kiosk, imports): the client's key is valid but not granted this operation.
  scope_not_granted: "このAPIクライアントには、この操作の権限がありません。",
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

  // 本籍地 利用登録 (public form, status page, staff review)
  municipality_unknown: "選択された市区町村では受け付けていません。",
  municipality_not_active: "この市区町村では現在サービスを提供していません。",
  registration_intake_closed: "ただいま、この市区町村では利用登録の受付を停止しています。停止期間が終わってから申請してください。",
  registration_not_found: "受付番号と生年月日に一致する申請が見つかりません。入力内容を確認してください。",
  registration_already_decided: "この申請は既に処理されています。画面を再読み込みしてください。",
  registration_card_missing: "マイナンバーカードによる申請がまだないため、承認できません。",
  koseki_member_invalid: "選択された戸籍の記録は、この市区町村の現在の戸籍にありません。",
  // 交付停止 (counter block)
  block_resident_not_found: "この住民番号の住民は登録されていません。",
  issuance_block_exists: "この住民にはすでに交付停止が設定されています。",
  issuance_block_lifted: "この交付停止はすでに解除されています。画面を再読み込みしてください。",
  // Statistics and monthly reports
  report_not_found: "月次報告が見つかりません。",
  report_month_in_future: "まだ始まっていない月の報告は作成できません。",
};

const FALLBACK = "エラーが発生しました。しばらく時間をおいてから再度お試しください。";

/** The Japanese message for a code; unknown codes get a generic message (never the raw code). */
export function errorMessage(code: string): string {
  return Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : FALLBACK;
}
