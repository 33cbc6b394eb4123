"use client";

import { Controller } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import { yearsAround } from "@/lib/date-fields";
import { ZIssuanceSettingsForm, type IssuanceSettingsForm as Values, type IssuanceSettingValues } from "@/lib/schemas/municipal-settings";
import { scheduleIssuanceSettingsAction } from "../actions";

/** Schedules the settings that decide issuance, starting from the values in force; `today` is the JST day. */
export function IssuanceSettingsForm({ municipalityId, current, today }: { municipalityId?: string; current: IssuanceSettingValues; today: string }) {
  const initial: Values = { municipalityId, ...current, effectiveFrom: today };
  const { form, result, onSubmit } = useSchemaForm(ZIssuanceSettingsForm, initial, scheduleIssuanceSettingsAction);
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <CheckboxField label="転入・カード交付・暗証番号変更の当日は利用できない（翌日から利用可）" error={e.usableFromNextDay?.message} {...register("usableFromNextDay")} />
      <CheckboxField label="成年被後見人の方をコンビニ交付の対象外とする" error={e.excludeAdultWards?.message} {...register("excludeAdultWards")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="氏名欄の1行の文字数" inputMode="numeric" required error={e.nameMaxLength?.message} {...register("nameMaxLength")} />
        <TextField label="氏名欄の行数" inputMode="numeric" required error={e.nameMaxLines?.message} {...register("nameMaxLines")} />
        <TextField label="住所欄の1行の文字数" inputMode="numeric" required error={e.addressMaxLength?.message} {...register("addressMaxLength")} />
        <TextField label="住所欄の行数" inputMode="numeric" required error={e.addressMaxLines?.message} {...register("addressMaxLines")} />
      </div>
      <Controller
        control={control}
        name="effectiveFrom"
        render={({ field }) => (
          <DateField
            {...field}
            label="適用開始日"
            hint="この日の0時（日本時間）から適用します。今日を選ぶと保存した時点から適用します。過去の日付は指定できません。"
            required
            years={yearsAround(today, 0, 3)}
            error={e.effectiveFrom?.message}
          />
        )}
      />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "変更を予約"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
