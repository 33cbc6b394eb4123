import "server-only";
import { problemDetails, type ProblemDetails } from "@/lib/problem-details";

// One error type for the whole server. `code` is stable (documented in docs/api.md); the HTTP status and
// the problem type URI derive from it. The UI maps codes to Japanese text (lib/error-messages.ts).
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  service_unavailable: 503,
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS | (string & {});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { status?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? (ERROR_STATUS as Record<string, number>)[code] ?? 400;
    this.details = options.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export type { ProblemDetails } from "@/lib/problem-details";

/** RFC 9457 problem details for an error. Unknown errors become a generic 500 without internals. */
export function toProblem(e: unknown, instance?: string): ProblemDetails {
  if (isAppError(e)) return problemDetails({ code: e.code, status: e.status, detail: e.message, instance, extensions: e.details });
  return problemDetails({ code: "internal_error", status: 500, detail: "An unexpected error occurred.", instance });
}
