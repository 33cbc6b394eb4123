import "server-only";
import { errorMessage } from "@/lib/error-messages";
import { isAppError } from "@/server/errors";

export type StaffResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

// Codes of this area without a line in lib/error-messages.ts yet; field ones are also shown at the field.
const MESSAGES: Record<string, { message: string; field?: string }> = {
  login_id_taken: { message: "このログインIDはすでに使われています。", field: "loginId" },
  municipality_required: { message: "自治体の職員には自治体コードが必要です。", field: "municipalityCode" },
  municipality_not_found: { message: "この自治体コードの自治体は登録されていません。", field: "municipalityCode" },
  password_equals_login_id: { message: "ログインIDと同じパスワードは使えません。", field: "initialPassword" },
  last_admin: { message: "最後の管理者は無効化・役割変更できません。先に別の管理者を登録してください。" },
  cannot_change_self: { message: "自分自身のアカウントは無効化・役割変更できません。" },
  role_scope_mismatch: { message: "運用事業者と自治体の役割は相互に変更できません。新しいアカウントを作成してください。" },
};

export function staffFormResult(e: unknown): { ok: false; message: string; fieldErrors?: Record<string, string> } {
  if (!isAppError(e)) throw e;
  const errors = (e.details?.errors ?? []) as { path: string; message: string }[];
  const fieldErrors: Record<string, string> = Object.fromEntries(errors.map((x) => [x.path, x.message]));
  const known = MESSAGES[e.code];
  if (known?.field) fieldErrors[known.field] = known.message;
  return { ok: false, message: known?.message ?? errorMessage(e.code), fieldErrors };
}
