"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useId, useRef } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZPreRegistrationForm, type PreRegistrationFormInput } from "@/lib/schemas/koseki-registration";
import { submitPreRegistrationAction } from "../actions";
import { BirthDateFields } from "./birth-date-fields";
import { FormErrorAlert } from "@/components/form/form-error-alert";

export function PreRegistrationForm({ municipalities }: { municipalities: Array<{ code: string; label: string }> }) {
  const municipalityId = useId();
  const consentId = useId();
  const receiptRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<PreRegistrationFormInput>({
    resolver: zodResolver(ZPreRegistrationForm),
    defaultValues: {
      honsekiMunicipalityCode: "",
      familyName: "",
      givenName: "",
      familyNameKana: "",
      givenNameKana: "",
      birthCalendar: "showa",
      birthYear: "",
      birthMonth: "",
      birthDay: "",
      currentAddress: "",
      honsekiAddress: "",
      kosekiHeadName: "",
      email: "",
      consent: false,
    },
    reValidateMode: "onChange",
  });
  const { register } = form;
  const { errors } = form.formState;
  const { onSubmit, message, alertRef, result, pending } = useFormAction(form, submitPreRegistrationAction);
  const receipt = result?.ok ? result.data : null;

  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);

  if (receipt) {
    return (
      <section aria-labelledby="receipt-heading" className="flex flex-col gap-4 rounded-12 border border-solid-gray-420 p-6">
        <h2 id="receipt-heading" ref={receiptRef} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
          事前登録を受け付けました
        </h2>
        <p className="text-std-16N-170">
          受付番号 <strong className="font-mono text-std-20B-150" data-testid="receipt-no">{receipt.receiptNo}</strong>
        </p>
        <p className="text-std-16N-170">
          受付番号は控えてください。登録を完了するには、コンビニエンスストアのマルチコピー機で、ご本人のマイナンバーカードを使って
          {receipt.municipalityName}への利用登録を申請し、この受付番号を入力してください。
        </p>
        <Link href="/koseki-registration/status" className="self-start text-std-16N-170 text-blue-900 underline">
          受付状況を確認する
        </Link>
      </section>
    );
  }

  const selectError = errors.honsekiMunicipalityCode?.message;
  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit} aria-label="本籍地の利用登録（事前登録）">
      <FormErrorAlert message={message} alertRef={alertRef} title="受け付けできませんでした" />

      <div className="flex flex-col gap-2">
        <label htmlFor={municipalityId} className="flex items-center gap-2 text-std-17B-170 text-solid-gray-800">
          本籍地の市区町村<span className="rounded-4 bg-error-2 px-2 py-0.5 text-dns-14B-120 text-white">必須</span>
        </label>
        <select
          id={municipalityId}
          aria-invalid={selectError ? true : undefined}
          aria-describedby={selectError ? `${municipalityId}-error` : undefined}
          className="min-h-14 rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 aria-invalid:border-error-1"
          {...register("honsekiMunicipalityCode")}
        >
          <option value="">選択してください</option>
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.label}
            </option>
          ))}
        </select>
        {selectError ? (
          <p id={`${municipalityId}-error`} className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {selectError}
          </p>
        ) : null}
      </div>
      <TextField label="本籍（町名・番地）" hint="市区町村名より後を、戸籍に記載のとおり入力してください。例：本町七番地" required autoComplete="off" error={errors.honsekiAddress?.message} {...register("honsekiAddress")} />
      <TextField label="筆頭者の氏名" hint="戸籍の最初に記載されている方の氏名です。例：山川 一郎" required autoComplete="off" error={errors.kosekiHeadName?.message} {...register("kosekiHeadName")} />

      <div className="grid grid-cols-1 gap-6 desktop:grid-cols-2">
        <TextField label="氏" required autoComplete="family-name" error={errors.familyName?.message} {...register("familyName")} />
        <TextField label="名" required autoComplete="given-name" error={errors.givenName?.message} {...register("givenName")} />
        <TextField label="氏（フリガナ）" hint="全角カタカナ" required error={errors.familyNameKana?.message} {...register("familyNameKana")} />
        <TextField label="名（フリガナ）" hint="全角カタカナ" required error={errors.givenNameKana?.message} {...register("givenNameKana")} />
      </div>
      <BirthDateFields register={register} errors={errors} />
      <TextField label="現住所" hint="住民票のある住所を入力してください。" required autoComplete="street-address" error={errors.currentAddress?.message} {...register("currentAddress")} />
      <TextField label="メールアドレス" hint="審査結果をお知らせします（任意）。" type="email" autoComplete="email" error={errors.email?.message} {...register("email")} />

      <div className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
        <p className="text-std-16N-170">
          入力された情報は、本籍地の市区町村が戸籍と照合し、コンビニ交付の利用登録の審査に使います。審査には通常5開庁日程度かかります。
        </p>
        <div className="flex items-start gap-3">
          <input
            id={consentId}
            type="checkbox"
            className="mt-1 size-6 accent-blue-900"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? `${consentId}-error` : undefined}
            {...register("consent")}
          />
          <label htmlFor={consentId} className="text-std-16B-170">
            上記の内容に同意します（必須）
          </label>
        </div>
        {errors.consent?.message ? (
          <p id={`${consentId}-error`} className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {errors.consent.message}
          </p>
        ) : null}
      </div>

      <Button type="submit" size="lg" disabled={pending} className="self-start">
        申請する
      </Button>
    </form>
  );
}
