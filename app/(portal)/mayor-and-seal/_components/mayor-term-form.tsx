"use client";

import { Controller } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { yearsAround } from "@/lib/date-fields";
import { ZMayorTermForm, type MayorTermFormInput } from "@/lib/schemas/mayor-and-seal";
import { recordMayorTermAction } from "../actions";

/** A new mayor (職名・氏名 as printed) from a day on: today or later. */
export function MayorTermForm({ municipalityId, today, mayorTitle }: { municipalityId?: string; today: string; mayorTitle: string }) {
  const initial: MayorTermFormInput = { municipalityId, effectiveFrom: today, mayorTitle, mayorName: "" };
  const { form, result, onSubmit } = useSchemaForm(ZMayorTermForm, initial, recordMayorTermAction, { resetOnSuccess: true });
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" aria-labelledby="mayor-form-heading">
      <TextField label="市区町村長の職名" hint="証明書に印字されます。例：松本市長" required error={e.mayorTitle?.message} {...register("mayorTitle")} />
      <TextField label="市区町村長の氏名" hint="証明書に印字されます。姓と名の間は全角スペース。" required error={e.mayorName?.message} {...register("mayorName")} />
      <Controller
        control={control}
        name="effectiveFrom"
        render={({ field }) => (
          <DateField {...field} label="就任日（適用開始日）" hint="この日の0時（日本時間）以降に発行する証明書に印字します。今日以降の日付を指定してください。" required years={yearsAround(today, 0, 5)} error={e.effectiveFrom?.message} />
        )}
      />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "市区町村長を登録"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
