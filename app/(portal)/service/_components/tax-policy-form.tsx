"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZTaxYearPolicyForm, type TaxYearPolicyForm as Values } from "@/lib/schemas/service-config";
import { updateTaxYearPolicyAction } from "../actions";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";

export function TaxPolicyForm({ initial }: { initial: Values }) {
  const { form, result, onSubmit } = useSchemaForm(ZTaxYearPolicyForm, initial, updateTaxYearPolicyAction);
  const { register, formState } = form;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField
        label="新年度の切替日（月-日）"
        hint="この日から新しい年度の税証明書を提供します（例 06-01）。"
        required
        error={formState.errors.taxYearSwitchDate?.message}
        {...register("taxYearSwitchDate")}
      />
      <TextField label="提供する年度数（1〜5）" inputMode="numeric" required error={formState.errors.taxYearsOffered?.message} {...register("taxYearsOffered")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存しています…" : "税証明書の設定を保存"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
