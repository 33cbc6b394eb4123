"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZRegenerateRecoveryCodes, type RegenerateRecoveryCodesInput } from "@/lib/schemas/staff";
import { regenerateRecoveryCodesAction } from "../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

/** New recovery codes for oneself, after a current TOTP code; shown once, the old ones stop working. */
export function RegenerateRecoveryCodesForm() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const codesRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<RegenerateRecoveryCodesInput>({ resolver: zodResolver(ZRegenerateRecoveryCodes), defaultValues: { code: "" }, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  // A used code is cleared whatever the answer, before a refusal's messages are put on the field.
  const regenerate = async (values: RegenerateRecoveryCodesInput) => {
    const result = await regenerateRecoveryCodesAction(values);
    form.resetField("code");
    return result;
  };
  const { onSubmit, message, alertRef } = useFormAction(form, regenerate, { onSuccess: (data) => setCodes(data.recoveryCodes) });

  useEffect(() => {
    if (codes) codesRef.current?.focus();
  }, [codes]);

  if (codes) {
    return (
      <div className="flex flex-col gap-4">
        <Alert variant="success" role="status" title="リカバリーコードを再発行しました">
          これまでのリカバリーコードは使えなくなりました。<strong>この画面を離れると二度と表示されません。</strong>
          印刷するか、安全な場所に控えてください。
        </Alert>
        <h3 ref={codesRef} tabIndex={-1} className="text-std-17B-170 text-solid-gray-900">
          新しいリカバリーコード
        </h3>
        <ol aria-label="新しいリカバリーコード" className="grid grid-cols-2 gap-2 rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-mono text-std-17B-170">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
      </div>
    );
  }

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="再発行できませんでした" />
      <TextField
        label="確認コード"
        hint="認証アプリに表示されている6桁の数字"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        error={errors.code?.message}
        {...register("code")}
      />
      <Button type="submit" variant="outline" disabled={isSubmitting} className="self-start">
        リカバリーコードを再発行する
      </Button>
    </form>
  );
}
