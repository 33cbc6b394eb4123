"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction, useFormAlert } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZMfaCode, type MfaCodeInput } from "@/lib/schemas/staff";
import { updateSession } from "@/components/auth/update-session";
import { beginMfaEnrolmentAction, confirmMfaEnrolmentAction } from "../actions";

type Started = { secret: string; otpauthUri: string; qrCodeDataUri: string };

/** Groups a base32 secret in fours for reading and typing. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function MfaEnrolment({ loginId }: { loginId: string }) {
  const router = useRouter();
  const [started, setStarted] = useState<Started | null>(null);
  const [done, setDone] = useState<{ recoveryCodes: string[]; proof: string } | null>(null);
  const [pending, setPending] = useState(false);
  const alert = useFormAlert();
  const { message, ref: alertRef } = alert;
  const form = useForm<MfaCodeInput>({ resolver: zodResolver(ZMfaCode), defaultValues: { code: "" }, reValidateMode: "onChange" });
  // A refused code is cleared from its field; the banner says why.
  const confirm = useFormAction(form, confirmMfaEnrolmentAction, { alert, onFailure: () => form.resetField("code"), onSuccess: setDone });

  async function start() {
    setPending(true);
    alert.setMessage(null);
    const result = await beginMfaEnrolmentAction();
    setPending(false);
    if (!result.ok) return alert.setMessage(result.message);
    setStarted(result.data);
  }

  async function proceed() {
    if (!done) return;
    setPending(true);
    if (!(await updateSession({ mfaProof: done.proof }))) {
      setPending(false);
      alert.setMessage("エラーが発生しました。もう一度ログインしてください。");
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  const errorAlert = message ? (
    <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="設定できませんでした">
      {message}
    </Alert>
  ) : null;

  if (done) {
    return (
      <section aria-labelledby="recovery-heading" className="flex flex-col gap-4">
        <Alert variant="success" role="status" title="2段階認証を設定しました" />
        <h2 id="recovery-heading" className="text-std-20B-150 text-solid-gray-900">
          リカバリーコード
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          認証アプリを使えなくなったときに、確認コードの代わりに使えます。各コードは1回だけ使えます。
          <strong>この画面を離れると二度と表示されません。</strong>印刷するか、安全な場所に控えてください。
        </p>
        <ol aria-label="リカバリーコード" className="grid grid-cols-2 gap-2 rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-mono text-std-17B-170">
          {done.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        {errorAlert}
        <Button size="lg" onClick={() => void proceed()} disabled={pending}>
          控えました。ポータルへ進む
        </Button>
      </section>
    );
  }

  if (!started) {
    return (
      <div className="flex flex-col gap-4">
        {errorAlert}
        <Button size="lg" onClick={() => void start()} disabled={pending} className="self-start">
          設定を開始する
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="key-heading" className="flex flex-col gap-3">
        <h2 id="key-heading" className="text-std-20B-150 text-solid-gray-900">
          1. 認証アプリにキーを登録する
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          認証アプリで次のQRコードを読み取ってください。読み取れない場合は、「キーを入力」（手動で入力）を選び、その下のアカウントとキーを入力してください。種類は「時間ベース」です。
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a server-rendered data: URI; next/image adds nothing here */}
        <img
          src={started.qrCodeDataUri}
          alt={`認証アプリ登録用のQRコード（アカウント ${loginId}）。読み取れない場合は下のキーを手動で入力してください。`}
          width={200}
          height={200}
          data-testid="totp-qr"
          className="rounded-8 border border-solid-gray-420 bg-white"
        />
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-std-16N-170 text-solid-gray-800">
          <dt className="font-bold">アカウント</dt>
          <dd>{loginId}</dd>
          <dt className="font-bold">キー</dt>
          <dd>
            <code className="break-all font-mono text-std-17B-170" data-testid="totp-secret" data-secret={started.secret}>
              {grouped(started.secret)}
            </code>
          </dd>
        </dl>
        <details className="text-std-16N-170 text-solid-gray-800">
          <summary className="cursor-pointer text-blue-900 underline">登録用URI（otpauth）を表示</summary>
          <p className="mt-2 break-all rounded-8 bg-solid-gray-50 p-3 font-mono text-dns-14N-130">{started.otpauthUri}</p>
        </details>
      </section>
      <section aria-labelledby="confirm-heading" className="flex flex-col gap-3">
        <h2 id="confirm-heading" className="text-std-20B-150 text-solid-gray-900">
          2. 確認コードを入力する
        </h2>
        {errorAlert}
        <form noValidate className="flex flex-col gap-6" onSubmit={confirm.onSubmit}>
          <TextField
            label="確認コード"
            hint="認証アプリに表示されている6桁の数字"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            error={form.formState.errors.code?.message}
            {...form.register("code")}
          />
          <Button type="submit" size="lg" disabled={confirm.pending} className="self-start">
            設定を完了する
          </Button>
        </form>
      </section>
    </div>
  );
}
