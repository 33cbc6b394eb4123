"use client";

import type { FieldErrors, FieldValues, Path, UseFormRegister } from "react-hook-form";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { VOID_NOTE_MAX, VOID_REASON_LABELS, VOID_REASONS } from "@/lib/schemas/issuance-void";

type VoidFields = { reason: string; note?: string; confirm: boolean };

const REASON_OPTIONS = VOID_REASONS.map((r) => ({ value: r, label: VOID_REASON_LABELS[r] }));

/**
 * The reason, its text and the confirmation that a void cannot be undone: the fields the issuance detail and
 * the incident detail share (lib/schemas/issuance-void.ts validates them on both sides).
 */
export function VoidReasonFields<T extends FieldValues & VoidFields>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) {
  const message = (name: keyof VoidFields) => {
    const m = errors[name]?.message;
    return typeof m === "string" ? m : undefined;
  };
  return (
    <>
      <SelectField label="無効にする理由" required placeholder="選択してください" options={REASON_OPTIONS} error={message("reason")} {...register("reason" as Path<T>)} />
      <TextAreaField
        label="理由の内容（「その他」のときは必須）"
        rows={3}
        hint={`${VOID_NOTE_MAX}文字以内。住民の氏名などの個人情報は書かないでください。`}
        error={message("note")}
        {...register("note" as Path<T>)}
      />
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
