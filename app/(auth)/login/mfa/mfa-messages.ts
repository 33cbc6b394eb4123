import "server-only";
import { errorMessage } from "@/lib/error-messages";
import { isAppError } from "@/server/errors";

export type MfaStepResult =
  | { ok: true; proof: string; remaining?: number }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

// Codes of the MFA step without a line in lib/error-messages.ts yet.
export const MFA_MESSAGES: Record<string, string> = {
  invalid_code: "確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。",
  mfa_not_enrolled: "2段階認証が設定されていません。設定画面から設定してください。",
  mfa_already_enrolled: "2段階認証はすでに設定されています。",
  mfa_enrolment_not_started: "設定を開始してから確認コードを入力してください。",
};

export function mfaFormResult(e: unknown): { ok: false; message: string; fieldErrors?: Record<string, string> } {
  if (!isAppError(e)) throw e;
  const errors = (e.details?.errors ?? []) as { path: string; message: string }[];
  const fieldErrors = Object.fromEntries(errors.map((x) => [x.path, x.message]));
  return { ok: false, message: MFA_MESSAGES[e.code] ?? errorMessage(e.code), fieldErrors };
}
