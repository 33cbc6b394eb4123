"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { FormResult } from "@/lib/form-result";
import { useFormAction } from "./use-form-action";

/**
 * A settings form in one call: react-hook-form with the shared zod schema, submitted through useFormAction;
 * on success the server-rendered lists are refreshed (and the form emptied with `resetOnSuccess`). The
 * answer shows with <FormMessage result={result} />.
 */
export function useSchemaForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  action: (input: unknown) => Promise<FormResult>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const router = useRouter();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { result, onSubmit } = useFormAction(form, action, {
    onSuccess: () => {
      if (options.resetOnSuccess) form.reset(defaultValues);
      router.refresh();
    },
  });
  return { form, result, onSubmit };
}
