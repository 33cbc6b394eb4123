"use client";

import { Controller } from "react-hook-form";
import { MonthField } from "@/components/form/date-fields";
import { Button } from "@/components/ui/button";
import { yearsAround } from "@/lib/date-fields";
import { ZReportRequest, type ReportRequest } from "@/lib/schemas/statistics";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { generateReportAction } from "../actions";

export function GenerateReportForm({ municipalityId, month }: { municipalityId?: string; month: string }) {
  const initial: ReportRequest = { municipalityId, month };
  const { form, result, onSubmit } = useSchemaForm(ZReportRequest, initial, generateReportAction);
  const { control, formState } = form;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="月次報告の作成">
      <Controller
        control={control}
        name="month"
        render={({ field }) => (
          <MonthField {...field} label="対象月" hint="作成済みの月も、最新の集計で作り直せます（以前の版も残ります）。" required years={yearsAround(month, 5, 1)} error={formState.errors.month?.message} />
        )}
      />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "作成しています…" : "月次報告を作成"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
