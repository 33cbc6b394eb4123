// The result a server action hands back to a form: success, or a Japanese message with per-field messages.
export type FormResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };
