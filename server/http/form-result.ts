import "server-only";
import { ZodError } from "zod";
import { errorMessage } from "@/lib/error-messages";
import type { FormFailure } from "@/lib/form-result";
import { isAppError } from "../errors";

// The one mapping from a verb's AppError to what a react-hook-form form shows: the Japanese text of the code
// (lib/error-messages.ts), the schema's messages at their fields, and codes that concern one field of the
// form at that field too. Unexpected errors are rethrown (Next shows its error page and logs them).

export type { FormFailure, FormResult } from "@/lib/form-result";

/** `fields` ties codes to the form field they concern, e.g. `{ login_id_taken: "loginId" }`. */
export function formFailure(e: unknown, fields: Readonly<Record<string, string>> = {}): FormFailure {
  // A schema's own parse error (a verb that calls `.parse`): its messages at their fields.
  if (e instanceof ZodError) {
    return { ok: false, code: "validation_failed", message: errorMessage("validation_failed"), fieldErrors: Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message])) };
  }
  if (!isAppError(e)) throw e;
  const errors = (e.details?.errors ?? []) as { path: string; message: string }[];
  const fieldErrors: Record<string, string> = Object.fromEntries(errors.map((x) => [x.path, x.message]));
  const message = errorMessage(e.code);
  const field = Object.hasOwn(fields, e.code) ? fields[e.code] : undefined;
  if (field) fieldErrors[field] = message;
  return { ok: false, code: e.code, message, ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) };
}

/** The refusal of an action whose session is missing, or must change its password first. */
export function sessionFailure(mustChangePassword = false): FormFailure {
  const code = mustChangePassword ? "password_change_required" : "unauthenticated";
  return { ok: false, code, message: errorMessage(code) };
}
