import "server-only";
import { ERROR_CODES, type ErrorCode } from "@/lib/error-codes";
import { problemDetails, type ProblemDetails } from "@/lib/problem-details";

// One error type for the whole server. `code` is stable and closed (lib/error-codes.ts: an unknown code does
// not compile); the HTTP status and the problem type URI derive from it, so the domain never names a status.
// `message` is English, for logs and the problem's `detail`; the UI maps codes to Japanese text
// (lib/error-messages.ts).
export type { ErrorCode } from "@/lib/error-codes";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export type { ProblemDetails } from "@/lib/problem-details";

/** RFC 9457 problem details for an error. Unknown errors become a generic 500 without internals. */
export function toProblem(e: unknown, instance?: string): ProblemDetails {
  if (isAppError(e)) return problemDetails({ code: e.code, detail: e.message, instance, extensions: e.details });
  return problemDetails({ code: "internal_error", detail: "An unexpected error occurred.", instance });
}
