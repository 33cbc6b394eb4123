import type { ErrorCode } from "./error-codes";

// What a server action returns to its form: success with data, or the Japanese message of the error code with
// per-field messages. Built on the server (server/http/form-result.ts, the wrappers of server/http/server-actions.ts),
// read by the form hook (components/form/use-form-action.ts); a type only, so both sides share it.

export type FormFailure = { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };
export type FormResult<T = undefined> = { ok: true; data: T } | FormFailure;
