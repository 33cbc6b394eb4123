import "server-only";
import { ZodError } from "zod";
import { errorMessage } from "@/lib/error-messages";
import type { FormFailure } from "@/lib/form-result";
import { isAppError, type ErrorCode } from "../errors";
import { validationErrors, type ValidationError } from "../parse-input";

// The one mapping from a verb's AppError to what a react-hook-form form shows: the Japanese text of the code
// (lib/error-messages.ts), the schema's messages at their fields, and codes that concern one field of the
// form at that field too. Unexpected errors are rethrown (Next shows its error page and logs them).

export type { FormFailure, FormResult } from "@/lib/form-result";

/**
 * The violations of a `validation_failed` (`details.errors`, server/parse-input.ts) as a form shows them: the
 * first message of each field path (as the browser's zodResolver does).
 */
export function fieldErrorsOf(errors: unknown): Record<string, string> {
  const first = new Map<string, string>();
  for (const x of Array.isArray(errors) ? (errors as ValidationError[]) : []) if (!first.has(x.path)) first.set(x.path, x.message);
  return Object.fromEntries(first);
}

/** `fields` ties codes to the form field they concern, e.g. `{ login_id_taken: "loginId" }`. */
export function formFailure(e: unknown, fields: Readonly<Partial<Record<ErrorCode, string>>> = {}): FormFailure {
  // A schema's own parse error (code that calls `.parse` instead of parseInput): the same as a validation_failed.
  if (e instanceof ZodError) {
    return { ok: false, code: "validation_failed", message: errorMessage("validation_failed"), fieldErrors: fieldErrorsOf(validationErrors(e.issues)) };
  }
  if (!isAppError(e)) throw e;
  const fieldErrors = fieldErrorsOf(e.details?.errors);
  const message = errorMessage(e.code);
  const field = Object.hasOwn(fields, e.code) ? fields[e.code] : undefined;
  if (field) fieldErrors[field] = message;
  return { ok: false, code: e.code, message, ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) };
}

/** The refusal of an action whose session is missing, or must change its password first. */
export function sessionFailure(mustChangePassword = false): FormFailure {
  const code: ErrorCode = mustChangePassword ? "password_change_required" : "unauthenticated";
  return { ok: false, code, message: errorMessage(code) };
}
