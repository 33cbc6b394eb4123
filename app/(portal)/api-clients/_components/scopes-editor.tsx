"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { ZApiClientScopesUpdate, type ApiClientScopeName, type ApiClientScopesUpdateInput } from "@/lib/schemas/api-client";
import { updateApiClientScopesAction } from "../actions";
import { ScopeFieldset } from "./scope-fieldset";

/** Changes the scopes of one client (operator); shown under the list when 権限を変更 is chosen. */
export function ScopesEditor({
  client,
  onDone,
  onCancel,
}: {
  client: { id: string; name: string; scopes: ApiClientScopeName[] };
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector("input")?.focus(), [client.id]);
  const form = useForm<ApiClientScopesUpdateInput>({ resolver: zodResolver(ZApiClientScopesUpdate), defaultValues: { id: client.id, scopes: client.scopes }, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  // This editor has no banner: a refusal shows at the scopes.
  const { onSubmit: onSave } = useFormAction(form, updateApiClientScopesAction, {
    onFailure: (failure) => form.setError("scopes", { message: failure.fieldErrors?.scopes ?? failure.message }),
    onSuccess: () => onDone(`「${client.name}」の権限を変更しました。`),
  });

  return (
    <section aria-labelledby="scopes-heading" className="flex max-w-2xl flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
      <h2 id="scopes-heading" className="text-std-20B-150 text-solid-gray-900">
        「{client.name}」の権限を変更する
      </h2>
      <form ref={ref} noValidate className="flex flex-col gap-6" onSubmit={onSave}>
        <input type="hidden" {...register("id")} />
        <ScopeFieldset registration={register("scopes")} error={errors.scopes?.message} disabled={isSubmitting} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "保存しています…" : "保存する"}
          </Button>
          <Button type="button" variant="outline" onClick={onCancel}>
            キャンセル
          </Button>
        </div>
      </form>
    </section>
  );
}
