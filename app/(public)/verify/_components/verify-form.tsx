"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { FormErrorAlert } from "@/components/form/form-error-alert";
import { useLookupForm } from "@/components/form/use-lookup-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZVerificationLookup, type VerificationLookupInput } from "@/lib/schemas/verify";
import { verifyIssuanceAction } from "../actions";

export function VerifyForm({ defaults }: { defaults: { issuanceNo: string; code: string } }) {
  const form = useForm<VerificationLookupInput>({ resolver: zodResolver(ZVerificationLookup), defaultValues: defaults, reValidateMode: "onChange" });
  const { register } = form;
  const { errors } = form.formState;
  const { onSubmit, message, alertRef, pending, view, resultRef } = useLookupForm(form, verifyIssuanceAction);

  return (
    <div className="flex flex-col gap-8">
      <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit} aria-label="証明書の確認">
        <FormErrorAlert message={message} alertRef={alertRef} title="確認できませんでした" />
        <TextField
          label="発行番号"
          hint="証明書の右上に印字されています。例：123456-2026-00000001"
          required
          autoComplete="off"
          inputMode="numeric"
          spellCheck={false}
          error={errors.issuanceNo?.message}
          {...register("issuanceNo")}
        />
        <TextField
          label="照合番号"
          hint="発行番号の下に印字されています。例：7QKM-2PA9-TRBX（英数字12文字）"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={errors.code?.message}
          {...register("code")}
        />
        <Button type="submit" size="lg" disabled={pending} className="self-start">
          確認する
        </Button>
      </form>

      {view ? (
        <section aria-labelledby="verify-result-heading" className="flex flex-col gap-3 rounded-12 border border-solid-gray-420 p-6">
          <h2 id="verify-result-heading" ref={resultRef} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
            確認結果：<span data-testid="verify-status">{view.status === "valid" ? "有効" : "無効"}</span>
          </h2>
          {view.status === "valid" ? (
            <p className="text-std-16N-170">この発行番号と照合番号の証明書は、下記のとおり発行されています。記載内容は、お手元の証明書でご確認ください。</p>
          ) : (
            <Alert variant="warning" title="無効な証明書です">
              この証明書は発行した市区町村により無効とされています。詳しくは発行した市区町村にお問い合わせください。
            </Alert>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
            <dt className="font-bold">発行番号</dt>
            <dd className="font-mono">{view.issuanceNo}</dd>
            <dt className="font-bold">証明書の種類</dt>
            <dd>{view.certificateName}</dd>
            <dt className="font-bold">発行した市区町村</dt>
            <dd>{view.municipalityName}</dd>
            <dt className="font-bold">発行日時</dt>
            <dd>{view.issuedAt}</dd>
            <dt className="font-bold">ページ数</dt>
            <dd>{view.pageCount}ページ</dd>
            <dt className="font-bold">電子ファイルのSHA-256</dt>
            <dd className="font-mono break-all" data-testid="verify-sha256">
              {view.pdfSha256}
            </dd>
          </dl>
          <p className="text-std-16N-170">
            SHA-256 は交付時の電子ファイル（PDF）の値です。紙の証明書の真正性を示すものではありません。確認できるのは、この番号の証明書が発行され、無効とされていないことです。
          </p>
        </section>
      ) : null}
    </div>
  );
}
