import { useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

// What a staff server action returns to its form (see server/http/form-result.ts).
export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** The form-level error banner: set after a refused action, focused so keyboard and screen-reader users land on it. */
export function useFormAlert() {
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return { message, setMessage, ref };
}

/** Puts the server's per-field messages on the fields of the form. */
export function showFieldErrors<V extends FieldValues>(setError: UseFormSetError<V>, fieldErrors: Record<string, string> | undefined): void {
  for (const [field, text] of Object.entries(fieldErrors ?? {})) setError(field as Path<V>, { message: text });
}
