"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZScheduleFeeForm, type ScheduleFeeForm as Values } from "@/lib/schemas/service-config";
import { scheduleFeeAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { FormMessage } from "@/components/form/form-message";
import { TYPE_OPTIONS } from "./labels";
import { useSchemaForm } from "@/components/form/use-schema-form";

export function FeeForm({ municipalityId, tomorrow }: { municipalityId?: string; tomorrow: string }) {
  const initial: Values = { municipalityId, certificateType: "residence", kind: "standard", amount: "" as unknown as number, effectiveFrom: tomorrow, effectiveUntil: "", note: "" };
  const { form, result, onSubmit } = useSchemaForm(ZScheduleFeeForm, initial, scheduleFeeAction, { resetOnSuccess: true });
  const { register, formState, watch } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <SelectField label="証明書の種類" options={TYPE_OPTIONS} error={e.certificateType?.message} {...register("certificateType")} />
      <SelectField
        label="区分"
        options={[
          { value: "standard", label: "通常（条例改正など）" },
          { value: "campaign", label: "キャンペーン（期間限定）" },
        ]}
        error={e.kind?.message}
        {...register("kind")}
      />
      <TextField label="金額（円、1通あたり）" inputMode="numeric" required error={e.amount?.message} {...register("amount")} />
      <TextField label="適用開始日" type="date" hint="この日の0時（日本時間）から適用します。明日以降の日付を指定してください。" required error={e.effectiveFrom?.message} {...register("effectiveFrom")} />
      {watch("kind") === "campaign" ? (
        <TextField label="終了日（この日まで適用）" type="date" required error={e.effectiveUntil?.message} {...register("effectiveUntil")} />
      ) : null}
      <TextField label="備考" hint="100文字以内（例 手数料条例改正）" error={e.note?.message} {...register("note")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "手数料を予約"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
