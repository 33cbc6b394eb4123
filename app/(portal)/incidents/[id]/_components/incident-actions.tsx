"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useFormAction, useFormAlert } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { ZIncidentClose, type IncidentCloseInput } from "@/lib/schemas/logs";
import { acknowledgeIncidentAction, closeIncidentAction } from "../../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

/** Acknowledge (open only) and close with a required reason (open or acknowledged). */
export function IncidentActions({ incidentId, canAcknowledge }: { incidentId: string; canAcknowledge: boolean }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // One banner for the button and the form.
  const alert = useFormAlert();
  const { message, ref: alertRef } = alert;
  const form = useForm<IncidentCloseInput>({
    resolver: zodResolver(ZIncidentClose),
    defaultValues: { incidentId, reason: "" },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const {
    register,
    formState: { errors },
  } = form;

  const succeeded = (doneText: string) => {
    setDone(doneText);
    router.refresh();
  };

  const acknowledge = () => {
    alert.setMessage(null);
    startTransition(async () => {
      const result = await acknowledgeIncidentAction({ incidentId });
      if (result.ok) succeeded("インシデントを対応中にしました。");
      else alert.setMessage(result.message);
    });
  };

  const close = useFormAction(form, closeIncidentAction, { alert, onSuccess: () => succeeded("インシデントをクローズしました。") });

  const busy = pending || close.pending;
  const reasonError = errors.reason?.message;

  return (
    <div className="flex flex-col gap-6">
      <FormErrorAlert message={message} alertRef={alertRef} title="操作できませんでした" />
      {done ? (
        <Alert variant="success" role="status">
          {done}
        </Alert>
      ) : null}

      {canAcknowledge ? (
        <div className="flex flex-col gap-2">
          <p className="text-std-16N-170 text-solid-gray-800">確認して対応を始めるときは「対応中にする」を押してください。</p>
          <div>
            <Button variant="outline" onClick={acknowledge} disabled={busy}>
              対応中にする
            </Button>
          </div>
        </div>
      ) : null}

      <form noValidate onSubmit={close.onSubmit} className="flex flex-col gap-4">
        <input type="hidden" {...register("incidentId")} />
        <TextAreaField
          label="クローズの理由"
          required
          rows={5}
          hint="原因と対応の内容を1000文字以内で記入してください。住民の氏名などの個人情報は書かないでください。"
          error={reasonError}
          {...register("reason")}
        />
        <div>
          <Button type="submit" disabled={busy}>
            クローズする
          </Button>
        </div>
      </form>
    </div>
  );
}
