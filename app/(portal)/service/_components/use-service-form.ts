"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { FormResult } from "./form-result";

/**
 * react-hook-form with the shared zod schema; submits to a server action, puts server-side field errors on
 * their fields, and refreshes the server-rendered lists on success.
 */
export function useServiceForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  action: (input: unknown) => Promise<FormResult>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const router = useRouter();
  const [result, setResult] = useState<FormResult | null>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const r = await action(values);
    setResult(r);
    if (r.ok) {
      if (options.resetOnSuccess) form.reset(defaultValues);
      router.refresh();
    } else {
      for (const [path, message] of Object.entries(r.fieldErrors ?? {})) form.setError(path as Path<z.input<S>>, { message });
    }
  });
  return { form, result, onSubmit: (e: React.FormEvent) => void onSubmit(e) };
}
