"use client";

import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { ISSUANCE_BLOCK_REASONS, ZIssuanceBlockForm, type IssuanceBlockForm as Values } from "@/lib/schemas/issuance-block";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { setIssuanceBlockAction } from "../actions";

const REASON_OPTIONS = Object.entries(ISSUANCE_BLOCK_REASONS).map(([value, label]) => ({ value, label }));

export function BlockForm() {
  const initial: Values = { residentNo: "", reason: "support_measure_request", note: "" };
  const { form, result, onSubmit } = useSchemaForm(ZIssuanceBlockForm, initial, setIssuanceBlockAction, { resetOnSuccess: true });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label="住民番号" hint="住民記録システムの住民番号を入力してください。" required autoComplete="off" error={e.residentNo?.message} {...register("residentNo")} />
      <SelectField label="停止の理由" options={REASON_OPTIONS} error={e.reason?.message} {...register("reason")} />
      <TextField label="内容（「その他」のとき必須、200文字以内）" hint="暗号化して保存します。キオスクには表示されません。" error={e.note?.message} {...register("note")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "設定しています…" : "交付停止を設定"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
