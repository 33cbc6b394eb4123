"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/error-messages";
import { ZIncidentClose, type IncidentCloseInput } from "@/lib/schemas/logs";
import type { FormResult } from "@/lib/form-result";
import { acknowledgeIncidentAction, closeIncidentAction } from "../../actions";

/** Acknowledge (open only) and close with a required reason (open or acknowledged). */
export function IncidentActions({ incidentId, canAcknowledge }: { incidentId: string; canAcknowledge: boolean }) {
  const router = useRouter();
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const alertRef = useRef<HTMLDivElement>(null);
  const reasonId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<IncidentCloseInput>({
    resolver: zodResolver(ZIncidentClose),
    defaultValues: { incidentId, reason: "" },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  useEffect(() => {
    if (errorCode) alertRef.current?.focus();
  }, [errorCode]);

  const finish = (result: FormResult<unknown>, doneText: string) => {
    if (!result.ok) {
      setErrorCode(result.code);
      return;
    }
    setDone(doneText);
    router.refresh();
  };

  const acknowledge = () => {
    setErrorCode(null);
    startTransition(async () => finish(await acknowledgeIncidentAction({ incidentId }), "インシデントを対応中にしました。"));
  };

  const onClose = handleSubmit(async (values) => {
    setErrorCode(null);
    finish(await closeIncidentAction(values), "インシデントをクローズしました。");
  });

  const busy = pending || isSubmitting;
  const reasonError = errors.reason?.message;

  return (
    <div className="flex flex-col gap-6">
      {errorCode ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="操作できませんでした">
          {errorMessage(errorCode)}
        </Alert>
      ) : null}
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

      <form noValidate onSubmit={(e) => void onClose(e)} className="flex flex-col gap-4">
        <input type="hidden" {...register("incidentId")} />
        <div className="flex flex-col gap-2">
          <label htmlFor={reasonId} className="flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-800">
            クローズの理由
            <span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>
          </label>
          <p id={`${reasonId}-hint`} className="text-std-16N-170 text-solid-gray-700">
            原因と対応の内容を1000文字以内で記入してください。住民の氏名などの個人情報は書かないでください。
          </p>
          <textarea
            id={reasonId}
            rows={5}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={[`${reasonId}-hint`, reasonError ? `${reasonId}-error` : null].filter(Boolean).join(" ")}
            className={
              "w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
              "hover:border-black aria-invalid:border-error-1 " +
              "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black focus-visible:outline-solid focus-visible:ring-2 focus-visible:ring-yellow-300"
            }
            {...register("reason")}
          />
          {reasonError ? (
            <p id={`${reasonId}-error`} className="text-std-16N-170 text-error-1">
              <span aria-hidden="true">＊</span>
              {reasonError}
            </p>
          ) : null}
        </div>
        <div>
          <Button type="submit" disabled={busy}>
            クローズする
          </Button>
        </div>
      </form>
    </div>
  );
}
