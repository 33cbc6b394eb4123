"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { DAY_CLASS_LABELS, DAY_CLASSES, ZServiceWindowForm, type ServiceWindowForm as Values } from "@/lib/schemas/service-config";
import { setServiceWindowsAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormMessage } from "@/components/form/form-message";
import { TYPE_OR_ALL_OPTIONS } from "./labels";
import { useSchemaForm } from "@/components/form/use-schema-form";

const DAY_OPTIONS = DAY_CLASSES.map((d) => ({ value: d, label: DAY_CLASS_LABELS[d] }));

export function WindowForm({ municipalityId }: { municipalityId?: string }) {
  const initial: Values = { municipalityId, certificateType: "all", dayClass: "weekday", closed: false, start: "06:30", end: "23:00" };
  const { form, result, onSubmit } = useSchemaForm(ZServiceWindowForm, initial, setServiceWindowsAction);
  const { register, formState, watch } = form;
  const e = formState.errors;
  const closed = watch("closed");
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <SelectField label="証明書の種類" options={TYPE_OR_ALL_OPTIONS} error={e.certificateType?.message} {...register("certificateType")} />
      <SelectField label="曜日区分" options={DAY_OPTIONS} error={e.dayClass?.message} {...register("dayClass")} />
      <CheckboxField label="この曜日区分は提供しない" {...register("closed")} />
      {closed ? null : (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField label="開始時刻" hint="06:30〜23:00、例 09:00" required error={e.start?.message} {...register("start")} />
          <TextField label="終了時刻" hint="06:30〜23:00、例 17:00" required error={e.end?.message} {...register("end")} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存しています…" : "提供時間を保存"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
