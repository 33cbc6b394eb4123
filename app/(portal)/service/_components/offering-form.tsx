"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { CERTIFICATE_NAMES, isKosekiType, type CertificateTypeId } from "@/lib/certificate-types";
import { ZOfferingForm, type OfferingForm as Values } from "@/lib/schemas/service-config";
import { updateOfferingAction } from "../actions";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";

export function OfferingForm({ initial }: { initial: Values & { certificateType: CertificateTypeId } }) {
  const { form, result, onSubmit } = useSchemaForm(ZOfferingForm, initial, updateOfferingAction);
  const { register, formState } = form;
  const e = formState.errors;
  const t = initial.certificateType;
  const kosekiRecords = isKosekiType(t) && t !== "koseki-fuhyo";
  return (
    <form noValidate onSubmit={onSubmit} aria-label={CERTIFICATE_NAMES[t]} className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
      <h3 className="text-std-18B-160 text-solid-gray-900">{CERTIFICATE_NAMES[t]}</h3>
      <CheckboxField label="コンビニ交付で提供する" error={e.enabled?.message} {...register("enabled")} />
      <TextField label="1回の発行上限通数（1〜20）" inputMode="numeric" error={e.copyLimit?.message} {...register("copyLimit")} />
      {t === "residence" ? <CheckboxField label="個人番号の記載を選択できる" error={e.allowMyNumber?.message} {...register("allowMyNumber")} /> : null}
      {kosekiRecords ? (
        <>
          <CheckboxField label="除籍の証明書を提供する" error={e.allowJoseki?.message} {...register("allowJoseki")} />
          <CheckboxField label="改製原戸籍の証明書を提供する" error={e.allowKaiseiGenkoseki?.message} {...register("allowKaiseiGenkoseki")} />
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" size="sm" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存しています…" : "保存"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
