"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { FormResult } from "@/lib/form-result";
import { Alert } from "@/components/ui/alert";
import { useFormAction } from "./use-form-action";

// A public lookup (受付状況の確認, 証明書の確認): a form whose accepted answer is shown below it. On top of
// useFormAction: the answer's data as `view`, and the focus moved to the result's heading when one arrives.

export function useLookupForm<TFields extends FieldValues, TContext, TOut, T>(form: UseFormReturn<TFields, TContext, TOut>, action: (values: TOut) => Promise<FormResult<T>>) {
  const resultRef = useRef<HTMLHeadingElement>(null);
  const state = useFormAction(form, action);
  const view = state.result?.ok ? state.result.data : null;
  useEffect(() => {
    if (view) resultRef.current?.focus();
  }, [view]);
  return { ...state, view, resultRef };
}

/** The refusal banner of a lookup form, focused when it appears. */
export function LookupAlert({ message, alertRef }: { message: string | null; alertRef: RefObject<HTMLDivElement | null> }) {
  if (!message) return null;
  return (
    <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="確認できませんでした">
      {message}
    </Alert>
  );
}
