import "server-only";
import { errorMessage } from "@/lib/error-messages";
import { isAppError } from "@/server/errors";
import { MFA_MESSAGES } from "../../(auth)/login/mfa/mfa-messages";

export type AccountResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export const UNAUTHENTICATED = { ok: false, message: errorMessage("unauthenticated") } as const;

// Codes of this area without a line in lib/error-messages.ts yet; field ones are also shown at the field.
const MESSAGES: Record<string, { message: string; field?: string }> = {
  invalid_current_password: { message: "現在のパスワードが正しくありません。", field: "currentPassword" },
  password_equals_login_id: { message: "ログインIDと同じパスワードは使えません。", field: "newPassword" },
};

export function accountFormResult(e: unknown): { ok: false; message: string; fieldErrors?: Record<string, string> } {
  if (!isAppError(e)) throw e;
  const errors = (e.details?.errors ?? []) as { path: string; message: string }[];
  const fieldErrors: Record<string, string> = Object.fromEntries(errors.map((x) => [x.path, x.message]));
  const known = MESSAGES[e.code];
  if (known?.field) fieldErrors[known.field] = known.message;
  return { ok: false, message: known?.message ?? MFA_MESSAGES[e.code] ?? errorMessage(e.code), fieldErrors };
}
