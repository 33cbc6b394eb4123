"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { FormErrorAlert } from "@/components/form/form-error-alert";
import { useLookupForm } from "@/components/form/use-lookup-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { REGISTRATION_STATUS_LABELS, ZRegistrationStatusLookup, type RegistrationStatusLookupInput } from "@/lib/schemas/koseki-registration";
import { formatWareki } from "@/lib/wareki";
import type { RegistrationStatusView } from "@/server/koseki-registration/lookup-registration-status";
import { lookupRegistrationStatusAction } from "../actions";
import { BirthDateFields } from "./birth-date-fields";

function explanation(v: RegistrationStatusView): string {
  if (v.awaitingCard) return "事前登録を受け付けています。マルチコピー機でマイナンバーカードを使って申請し、受付番号を入力すると、審査が始まります。";
  switch (v.status) {
    case "pending":
      return `${v.municipalityName}で審査しています。${v.dueOn ? `${formatWareki(v.dueOn)}までに審査する予定です。` : ""}`;
    case "approved":
      return "利用登録が完了しました。登録に使ったマイナンバーカードで、コンビニエンスストアから本籍地の戸籍証明書を取得できます。";
    case "rejected":
      return `利用登録はできませんでした。理由：${v.rejectReason ?? "窓口にお問い合わせください"}`;
    case "reregistration_needed":
      return `${v.reregistrationReason ?? "電子証明書が変わりました"}。新しいマイナンバーカード（電子証明書）で、もう一度利用登録を行ってください。`;
    case "withdrawn":
      return "この申請は取り下げられました。";
  }
}

export function StatusLookupForm() {
  const form = useForm<RegistrationStatusLookupInput>({
    resolver: zodResolver(ZRegistrationStatusLookup),
    defaultValues: { receiptNo: "", birthCalendar: "showa", birthYear: "", birthMonth: "", birthDay: "" },
    reValidateMode: "onChange",
  });
  const { register } = form;
  const { errors } = form.formState;
  const { onSubmit, message, alertRef, pending, view, resultRef } = useLookupForm(form, lookupRegistrationStatusAction);

  return (
    <div className="flex flex-col gap-8">
      <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit} aria-label="受付状況の確認">
        <FormErrorAlert message={message} alertRef={alertRef} title="確認できませんでした" />
        <TextField label="受付番号" hint="例：K7QX-M2PA-9TRB（英数字12文字）" required autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.receiptNo?.message} {...register("receiptNo")} />
        <BirthDateFields register={register} errors={errors} />
        <Button type="submit" size="lg" disabled={pending} className="self-start">
          確認する
        </Button>
      </form>

      {view ? (
        <section aria-labelledby="status-heading" className="flex flex-col gap-3 rounded-12 border border-solid-gray-420 p-6">
          <h2 id="status-heading" ref={resultRef} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
            受付状況：<span data-testid="registration-status">{view.awaitingCard ? "カードによる申請待ち" : REGISTRATION_STATUS_LABELS[view.status]}</span>
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="font-bold">受付番号</dt>
            <dd className="font-mono">{view.receiptNo}</dd>
            {view.kioskReceiptNo ? (
              <>
                <dt className="font-bold">カードによる申請の受付番号</dt>
                <dd className="font-mono">{view.kioskReceiptNo}</dd>
              </>
            ) : null}
            <dt className="font-bold">本籍地</dt>
            <dd>{view.municipalityName}</dd>
            <dt className="font-bold">受付日</dt>
            <dd>{formatWareki(view.receivedOn)}</dd>
            {view.decidedOn ? (
              <>
                <dt className="font-bold">審査日</dt>
                <dd>{formatWareki(view.decidedOn)}</dd>
              </>
            ) : null}
          </dl>
          <p className="text-std-16N-170">{explanation(view)}</p>
        </section>
      ) : null}
    </div>
  );
}
