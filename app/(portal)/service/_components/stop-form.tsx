"use client";

import { Controller } from "react-hook-form";
import { DateTimeField } from "@/components/form/date-fields";
import { Button } from "@/components/ui/button";
import { yearsAround } from "@/lib/date-fields";
import { STOP_SCOPE_LABELS, STOP_SCOPES, ZPlannedStopForm, type PlannedStopForm as Values } from "@/lib/schemas/service-config";
import { createPlannedStopAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";

const SCOPE_OPTIONS = STOP_SCOPES.map((s) => ({ value: s, label: STOP_SCOPE_LABELS[s] }));

/** `today`: the JST day by the server's clock (YYYY-MM-DD), where the years offered start. */
export function StopForm({ municipalityId, today }: { municipalityId?: string; today: string }) {
  const initial: Values = { municipalityId, scope: "all", startsAt: "", endsAt: "", notice: "" };
  const { form, result, onSubmit } = useSchemaForm(ZPlannedStopForm, initial, createPlannedStopAction, { resetOnSuccess: true });
  const { register, control, formState } = form;
  const e = formState.errors;
  const years = yearsAround(today, 0, 2);
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <SelectField label="停止の対象" options={SCOPE_OPTIONS} error={e.scope?.message} {...register("scope")} />
      <Controller control={control} name="startsAt" render={({ field }) => <DateTimeField {...field} label="開始日時（日本時間）" required years={years} error={e.startsAt?.message} />} />
      <Controller control={control} name="endsAt" render={({ field }) => <DateTimeField {...field} label="終了日時（日本時間）" required years={years} error={e.endsAt?.message} />} />
      <div className="flex flex-col gap-2">
        <label htmlFor="stop-notice" className="text-std-17B-170 text-solid-gray-800">
          住民向けのお知らせ文（500文字以内） <span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>
        </label>
        <textarea
          id="stop-notice"
          rows={4}
          aria-invalid={e.notice ? true : undefined}
          aria-describedby={e.notice ? "stop-notice-error" : undefined}
          className="w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 aria-invalid:border-error-1 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black"
          {...register("notice")}
        />
        {e.notice ? (
          <p id="stop-notice-error" className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {e.notice.message}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "計画停止を登録"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
