"use client";

import { Controller } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { yearsAround } from "@/lib/date-fields";
import { ZClosureDayForm, type ClosureDayForm as Values } from "@/lib/schemas/municipal-settings";
import { addClosureDayAction } from "../actions";

export function ClosureDayForm({ municipalityId, today }: { municipalityId?: string; today: string }) {
  const initial: Values = { municipalityId, day: "", reason: "" };
  const { form, result, onSubmit } = useSchemaForm(ZClosureDayForm, initial, addClosureDayAction, { resetOnSuccess: true });
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <Controller control={control} name="day" render={({ field }) => <DateField {...field} label="休止日" required years={yearsAround(today, 0, 3)} error={e.day?.message} />} />
      <TextField label="休止の理由" hint="100文字以内（例 システム更新のため）。住民への停止理由として表示されます。" required error={e.reason?.message} {...register("reason")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "休止日を追加"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
