"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZEmergencyStopForm, type EmergencyStopForm as Values } from "@/lib/schemas/service-config";
import { startEmergencyStopAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { FormMessage } from "@/components/form/form-message";
import { TYPE_OR_ALL_OPTIONS } from "./labels";
import { useSchemaForm } from "@/components/form/use-schema-form";

export function EmergencyForm({ municipalityId }: { municipalityId?: string }) {
  const initial: Values = { municipalityId, certificateType: "all", reason: "" };
  const { form, result, onSubmit } = useSchemaForm(ZEmergencyStopForm, initial, startEmergencyStopAction, { resetOnSuccess: true });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <SelectField label="停止する証明書" options={TYPE_OR_ALL_OPTIONS} error={e.certificateType?.message} {...register("certificateType")} />
      <TextField label="停止の理由（200文字以内）" hint="キオスク画面と市区町村の公開案内ページ（/m/団体コード）で住民に表示されます。" required error={e.reason?.message} {...register("reason")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "停止しています…" : "緊急停止を開始"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
