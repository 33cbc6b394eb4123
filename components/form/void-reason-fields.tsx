"use client";

import { useId } from "react";
import type { FieldErrors, FieldValues, Path, UseFormRegister } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { VOID_NOTE_MAX, VOID_REASON_LABELS, VOID_REASONS } from "@/lib/schemas/issuance-void";

type VoidFields = { reason: string; note?: string; confirm: boolean };

const REASON_OPTIONS = VOID_REASONS.map((r) => ({ value: r, label: VOID_REASON_LABELS[r] }));

/**
 * The reason, its text and the confirmation that a void cannot be undone: the fields the issuance detail and
 * the incident detail share (lib/schemas/issuance-void.ts validates them on both sides).
 */
export function VoidReasonFields<T extends FieldValues & VoidFields>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) {
  const noteId = useId();
  const message = (name: keyof VoidFields) => {
    const m = errors[name]?.message;
    return typeof m === "string" ? m : undefined;
  };
  const noteError = message("note");
  return (
    <>
      <SelectField label="無効にする理由" required placeholder="選択してください" options={REASON_OPTIONS} error={message("reason")} {...register("reason" as Path<T>)} />
      <div className="flex flex-col gap-2">
        <label htmlFor={noteId} className="text-std-17B-170 text-solid-gray-800">
          理由の内容（「その他」のときは必須）
        </label>
        <p id={`${noteId}-hint`} className="text-std-16N-170 text-solid-gray-700">
          {VOID_NOTE_MAX}文字以内。住民の氏名などの個人情報は書かないでください。
        </p>
        <textarea
          id={noteId}
          rows={3}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={[`${noteId}-hint`, noteError ? `${noteId}-error` : null].filter(Boolean).join(" ")}
          className={
            "w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
            "hover:border-black aria-invalid:border-error-1 " +
            "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300"
          }
          {...register("note" as Path<T>)}
        />
        {noteError ? (
          <p id={`${noteId}-error`} className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {noteError}
          </p>
        ) : null}
      </div>
      <IrreversibleNotice />
      <CheckboxField label="無効にすると取り消せないことを確認しました" error={message("confirm")} {...register("confirm" as Path<T>)} />
    </>
  );
}

function IrreversibleNotice() {
  return (
    <p className="rounded-8 border-2 border-error-1 bg-white p-4 text-std-16B-170 text-error-1">
      無効にすると取り消せません。照合ページ（/verify）では直ちに「無効」と表示されます。
    </p>
  );
}
