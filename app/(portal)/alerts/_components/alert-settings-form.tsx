"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormErrorAlert } from "@/components/form/form-error-alert";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { MAX_ALERT_RECIPIENTS, ZAlertSettings, type AlertSettingsInput } from "@/lib/schemas/alerts";
import { updateAlertSettingsAction } from "../actions";

type Props = { recipients: string[]; webhookUrl: string | null; keyId: string | null; hasSecret: boolean };
type Shown = { keyId: string; secret: string };

/** The municipal administrator's alert settings; a new webhook secret is shown once, below the form. */
export function AlertSettingsForm({ recipients, webhookUrl, keyId, hasSecret }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  useEffect(() => shownRef.current?.focus(), [shown]);
  const defaults: AlertSettingsInput = { recipients: recipients.join("\n"), webhookUrl: webhookUrl ?? "", rotateSecret: false };
  const form = useForm<AlertSettingsInput>({ resolver: zodResolver(ZAlertSettings), defaultValues: defaults, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, message, alertRef } = useFormAction(form, updateAlertSettingsAction, {
    onSuccess: (data) => {
      setSaved(true);
      setShown(data.secret && data.keyId ? { keyId: data.keyId, secret: data.secret } : null);
      form.reset({ ...form.getValues(), rotateSecret: false });
      router.refresh();
    },
  });

  return (
    <div className="flex flex-col gap-6">
      <form noValidate className="flex flex-col gap-6" onSubmit={(e) => { setSaved(false); onSubmit(e); }}>
        <FormErrorAlert message={message} alertRef={alertRef} title="アラートの設定を保存できませんでした" />
        <TextAreaField
          label="メールの宛先"
          hint={`1行に1件。${MAX_ALERT_RECIPIENTS}件まで。担当課の共有アドレスなどを指定してください。`}
          rows={4}
          autoCapitalize="none"
          spellCheck={false}
          error={errors.recipients?.message}
          {...register("recipients")}
        />
        <TextField
          label="WebhookのURL（任意）"
          hint="https:// で始まるURL。空欄にするとWebhookを使いません。"
          inputMode="url"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.webhookUrl?.message}
          {...register("webhookUrl")}
        />
        {hasSecret ? <CheckboxField label="Webhookの署名用秘密鍵を再発行する（以前の秘密鍵はすぐに使えなくなります）" {...register("rotateSecret")} /> : null}
        {keyId ? (
          <p className="text-std-16N-170 text-solid-gray-800">
            署名のキーID: <span className="font-mono">{keyId}</span>
          </p>
        ) : null}
        <Button type="submit" size="lg" disabled={isSubmitting} className="self-start">
          保存する
        </Button>
      </form>
      {saved && !shown ? (
        <Alert variant="success" role="status" title="アラートの設定を保存しました">
          これから発生するアラートに使われます。
        </Alert>
      ) : null}
      {shown ? (
        <div ref={shownRef} tabIndex={-1} className="flex flex-col gap-4">
          <Alert variant="warning" role="status" title="Webhookの署名用秘密鍵を発行しました">
            <p>この秘密鍵はこの画面でしか表示されません。いま控えて、受信側の設定に安全な方法で渡してください。</p>
          </Alert>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr]">
            <dt className="font-bold">キーID</dt>
            <dd className="break-all font-mono">{shown.keyId}</dd>
            <dt className="font-bold">秘密鍵</dt>
            <dd className="break-all font-mono" data-testid="shown-secret">
              {shown.secret}
            </dd>
          </dl>
          <Button variant="text" className="self-start" onClick={() => setShown(null)}>
            控えたので閉じる
          </Button>
        </div>
      ) : null}
    </div>
  );
}
