"use client";

import { useEffect, useRef } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { FormResult } from "@/lib/form-result";
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
