"use client";

import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { API_CLIENT_SCOPE_LABELS, API_CLIENT_SCOPES } from "@/lib/schemas/api-client";

/** The scopes of an API client as a group of checkboxes (react-hook-form collects the checked values). */
export function ScopeFieldset({ registration, error, disabled }: { registration: UseFormRegisterReturn<"scopes">; error?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-2" disabled={disabled} aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}>
      <legend className="mb-2 flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
        権限
        <span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>
      </legend>
      <p id={`${id}-hint`} className="text-std-16N-170 text-solid-gray-700">
        このクライアントが呼び出せるAPIです。必要なものだけを選びます。取込の権限は、対象自治体を1つに限定したクライアントにだけ付与できます。
      </p>
      {API_CLIENT_SCOPES.map((s) => (
        <label key={s} className="flex items-center gap-3 text-std-16N-170 text-solid-gray-800">
          <input type="checkbox" value={s} aria-invalid={error ? true : undefined} className="size-6 accent-blue-900" {...registration} />
          {API_CLIENT_SCOPE_LABELS[s]}
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="text-std-16N-170 text-error-1">
          <span aria-hidden="true">＊</span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
