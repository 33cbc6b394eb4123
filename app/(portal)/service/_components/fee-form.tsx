"use client";

import { Controller } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { Button } from "@/components/ui/button";
import { yearsAround } from "@/lib/date-fields";
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
  const { register, control, formState, watch } = form;
  // A fee starts tomorrow or later (the verb checks it): the years offered start at tomorrow's.
  const years = yearsAround(tomorrow, 0, 5);
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
      <Controller
        control={control}
        name="effectiveFrom"
        render={({ field }) => (
          <DateField {...field} label="適用開始日" hint="この日の0時（日本時間）から適用します。明日以降の日付を指定してください。" required years={years} error={e.effectiveFrom?.message} />
        )}
      />
      {watch("kind") === "campaign" ? (
        <Controller
          control={control}
          name="effectiveUntil"
          render={({ field }) => <DateField {...field} label="終了日（この日まで適用）" required years={years} error={e.effectiveUntil?.message} />}
        />
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
