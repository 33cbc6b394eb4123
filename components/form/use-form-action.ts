"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import type { FieldValues, Path, UseFormReturn, UseFormSetError } from "react-hook-form";
import type { FormFailure, FormResult } from "@/lib/form-result";

// The one way a form shows what its server action answered (server/http/server-actions.ts): the field
// messages at their fields, the form-level message in a banner that takes the focus, the data to onSuccess.

/** The form-level error banner: set after a refused action, focused so keyboard and screen-reader users land on it. */
export type FormAlert = { message: string | null; setMessage: (message: string | null) => void; ref: RefObject<HTMLDivElement | null> };

export function useFormAlert(): FormAlert {
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return { message, setMessage, ref };
}

/** Puts per-field messages on the fields of the form; `only` limits them to the fields the form has. */
export function setFieldErrors<V extends FieldValues>(setError: UseFormSetError<V>, fieldErrors: Readonly<Record<string, string>> | undefined, only?: readonly string[]): void {
  for (const [field, message] of Object.entries(fieldErrors ?? {})) {
    if (!only || only.includes(field)) setError(field as Path<V>, { message });
  }
}

type Options<TOut, T> = {
  /** After an accepted action, with its data and the values sent. */
  onSuccess?: (data: T, values: TOut) => void | Promise<void>;
  /** After a refusal, once its field messages are set and before the banner shows (e.g. clear a code field). */
  onFailure?: (failure: FormFailure, values: TOut) => void;
  /** A banner shared with other forms or buttons of the same screen; the hook's own otherwise. */
  alert?: FormAlert;
};

/**
 * Submits a react-hook-form form (validated by its zod resolver) to a server action and maps the FormResult:
 * `onSubmit` for the form element, the form-level `message` and its `alertRef`, `pending` while the action
 * runs, and the last `result` (null before the first answer and while submitting).
 */
export function useFormAction<TFields extends FieldValues, TContext, TOut, T>(form: UseFormReturn<TFields, TContext, TOut>, action: (values: TOut) => Promise<FormResult<T>>, options: Options<TOut, T> = {}) {
  const own = useFormAlert();
  const alert = options.alert ?? own;
  const [result, setResult] = useState<FormResult<T> | null>(null);
  const submit = form.handleSubmit(async (values) => {
    alert.setMessage(null);
    setResult(null);
    const answer = await action(values);
    setResult(answer);
    if (!answer.ok) {
      setFieldErrors(form.setError, answer.fieldErrors);
      options.onFailure?.(answer, values);
      alert.setMessage(answer.message);
      return;
    }
    await options.onSuccess?.(answer.data, values);
  });
  return {
    onSubmit: (e?: React.BaseSyntheticEvent) => void submit(e),
    message: alert.message,
    setMessage: alert.setMessage,
    alertRef: alert.ref,
    pending: form.formState.isSubmitting,
    result,
  };
}
