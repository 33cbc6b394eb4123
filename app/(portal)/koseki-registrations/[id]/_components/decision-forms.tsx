"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction, useFormAlert } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { REJECT_REASONS, ZApproveRegistration, ZRejectRegistration, type ApproveRegistrationInput, type RejectRegistrationInput } from "@/lib/schemas/koseki-registration";
import { approveRegistrationAction, rejectRegistrationAction } from "../../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

export type CandidateOption = { memberId: string; label: string; matched: number };

/** Approve with the matched 戸籍 member, or reject with a reason code (and an optional note). */
export function DecisionForms({ registrationId, candidates, canApprove }: { registrationId: string; candidates: CandidateOption[]; canApprove: boolean }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const alert = useFormAlert();
  const { message, ref: alertRef } = alert;
  const noteId = useId();
  const approve = useForm<ApproveRegistrationInput>({
    resolver: zodResolver(ZApproveRegistration),
    defaultValues: { registrationId, kosekiMemberId: candidates.find((c) => c.matched === 4)?.memberId ?? "" },
  });
  const reject = useForm<RejectRegistrationInput>({ resolver: zodResolver(ZRejectRegistration), defaultValues: { registrationId, reasonCode: undefined, note: "" } });

  const finish = (text: string) => () => {
    setDone(text);
    router.refresh();
  };
  const onApprove = useFormAction(approve, approveRegistrationAction, { alert, onSuccess: finish("承認しました。") });
  const onReject = useFormAction(reject, rejectRegistrationAction, { alert, onSuccess: finish("不承認にしました。") });
  const busy = onApprove.pending || onReject.pending;
  const memberError = approve.formState.errors.kosekiMemberId?.message;
  const reasonError = reject.formState.errors.reasonCode?.message;

  return (
    <div className="flex flex-col gap-8">
      <FormErrorAlert message={message} alertRef={alertRef} title="処理できませんでした" />
      {done ? (
        <Alert variant="success" role="status">
          {done}
        </Alert>
      ) : null}

      {canApprove ? (
        <form noValidate onSubmit={onApprove.onSubmit} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4" aria-labelledby="approve-heading">
          <h3 id="approve-heading" className="text-std-20B-150 text-solid-gray-900">承認する</h3>
          <fieldset className="flex flex-col gap-2" aria-describedby={memberError ? "member-error" : undefined}>
            <legend className="text-std-17B-170 text-solid-gray-800">照合した戸籍の記録</legend>
            {candidates.length === 0 ? <p className="text-std-16N-170">候補がありません。承認できません。</p> : null}
            {candidates.map((c) => (
              <label key={c.memberId} className="flex items-center gap-3 text-std-16N-170">
                <input type="radio" value={c.memberId} className="size-5 accent-blue-900" {...approve.register("kosekiMemberId")} />
                {c.label}
              </label>
            ))}
            {memberError ? (
              <p id="member-error" className="text-std-16N-170 text-error-1">
                <span aria-hidden="true">＊</span>
                {memberError}
              </p>
            ) : null}
          </fieldset>
          <Button type="submit" disabled={busy || candidates.length === 0} className="self-start">
            承認する
          </Button>
        </form>
      ) : null}

      <form noValidate onSubmit={onReject.onSubmit} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4" aria-labelledby="reject-heading">
        <h3 id="reject-heading" className="text-std-20B-150 text-solid-gray-900">不承認にする</h3>
        <SelectField
          label="理由"
          placeholder="選択してください"
          options={Object.entries(REJECT_REASONS).map(([code, label]) => ({ value: code, label }))}
          error={reasonError}
          {...reject.register("reasonCode")}
        />
        <div className="flex flex-col gap-2">
          <label htmlFor={noteId} className="text-std-17B-170 text-solid-gray-800">
            補足（任意・申請者には通知しません）
          </label>
          <textarea id={noteId} rows={3} className="rounded-8 border border-solid-gray-600 px-4 py-3 text-std-16N-170" {...reject.register("note")} />
          {reject.formState.errors.note?.message ? <p className="text-std-16N-170 text-error-1">{reject.formState.errors.note.message}</p> : null}
        </div>
        <Button type="submit" variant="outline" disabled={busy} className="self-start">
          不承認にする
        </Button>
      </form>
    </div>
  );
}
