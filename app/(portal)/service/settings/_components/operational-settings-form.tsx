"use client";

import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import { ZOperationalSettingsForm, type OperationalSettingsForm as Values } from "@/lib/schemas/municipal-settings";
import { updateOperationalSettingsAction } from "../actions";

/** The settings that apply from saving. */
export function OperationalSettingsForm({ municipalityId, current }: { municipalityId?: string; current: Omit<Values, "municipalityId"> }) {
  const { form, result, onSubmit } = useSchemaForm(ZOperationalSettingsForm, { municipalityId, ...current }, updateOperationalSettingsAction);
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label="PDFの保存時間（時間）" hint="印刷完了の通知が届かない場合に、作成したPDFを保存しておく時間です（1〜168時間）。" inputMode="numeric" required error={e.pdfRetentionHours?.message} {...register("pdfRetentionHours")} />
      <TextField label="利用登録の審査期限（開庁日）" hint="受付日の翌開庁日から数えます。保存後に受け付けた申請から適用します（1〜30開庁日）。" inputMode="numeric" required error={e.registrationReviewDays?.message} {...register("registrationReviewDays")} />
      <CheckboxField label="年末年始（12月29日〜1月3日）はコンビニ交付を停止する" error={e.yearEndClosure?.message} {...register("yearEndClosure")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存しています…" : "保存"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
