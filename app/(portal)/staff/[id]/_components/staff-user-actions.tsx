"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ZDisableStaffUser, ZResetMfa, ZResetPassword, ZStaffUserRef, type StaffUserRefInput } from "@/lib/schemas/staff";
import { disableStaffUserAction, enableStaffUserAction, resetMfaAction, resetPasswordAction } from "../../actions";
import { ConfirmActionForm } from "./confirm-action-form";
import { FormErrorAlert } from "@/components/form/form-error-alert";

type Props = { staffUserId: string; loginId: string; status: "active" | "disabled"; mfaEnrolled: boolean };

const sectionHeading = "text-std-20B-150 text-solid-gray-900";

/** Status, password reset and MFA reset of another staff user; each its own form, verb and audit event. */
export function StaffUserActions({ staffUserId, loginId, status, mfaEnrolled }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const passwordRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (temporaryPassword) passwordRef.current?.focus();
  }, [temporaryPassword]);

  const done = (text: string) => () => {
    setNotice(text);
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-8">
      {notice ? <Alert variant="success" role="status" title={notice} /> : null}

      <section aria-labelledby="status-heading" className="flex flex-col gap-3">
        <h2 id="status-heading" className={sectionHeading}>
          アカウントの状態
        </h2>
        {status === "active" ? (
          <>
            <p className="text-std-16N-170 text-solid-gray-800">
              無効にすると、この職員はログインできなくなり、ログイン中の画面も次の操作の時点でログアウトされます。
            </p>
            <ConfirmActionForm
              schema={ZDisableStaffUser}
              action={disableStaffUserAction}
              staffUserId={staffUserId}
              confirmLabel={`${loginId}を無効にすることを確認しました`}
              submitLabel="無効にする"
              failureTitle="無効にできませんでした"
              onDone={done("アカウントを無効にしました")}
            />
          </>
        ) : (
          <EnableForm staffUserId={staffUserId} onDone={done("アカウントを有効にしました")} />
        )}
      </section>

      <section aria-labelledby="password-reset-heading" className="flex flex-col gap-3">
        <h2 id="password-reset-heading" className={sectionHeading}>
          パスワードのリセット
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          仮パスワードを発行します。ログイン中のセッションは終了し、次回のログイン後にパスワードの変更が必要になります。2段階認証の設定はそのままです。
        </p>
        {temporaryPassword ? (
          <Alert variant="warning" role="status" ref={passwordRef} tabIndex={-1} title="仮パスワードを発行しました">
            <p>
              仮パスワード:{" "}
              <code data-testid="temporary-password" className="font-mono text-std-17B-170">
                {temporaryPassword}
              </code>
            </p>
            <p className="mt-2">この画面を離れると二度と表示されません。本人に安全な方法で伝えてください。</p>
          </Alert>
        ) : null}
        <ConfirmActionForm
          schema={ZResetPassword}
          action={resetPasswordAction}
          staffUserId={staffUserId}
          confirmLabel={`${loginId}のパスワードをリセットすることを確認しました`}
          submitLabel="パスワードをリセットする"
          failureTitle="パスワードをリセットできませんでした"
          onDone={(data) => {
            setNotice(null);
            setTemporaryPassword(data.temporaryPassword);
          }}
        />
      </section>

      <section aria-labelledby="mfa-reset-heading" className="flex flex-col gap-3">
        <h2 id="mfa-reset-heading" className={sectionHeading}>
          2段階認証のリセット
        </h2>
        {mfaEnrolled ? (
          <>
            <p className="text-std-16N-170 text-solid-gray-800">
              認証アプリの登録とリカバリーコードを削除します。ログイン中のセッションは終了し、次回のログイン時に2段階認証の設定をやり直します。
            </p>
            <ConfirmActionForm
              schema={ZResetMfa}
              action={resetMfaAction}
              staffUserId={staffUserId}
              confirmLabel={`${loginId}の2段階認証をリセットすることを確認しました`}
              submitLabel="2段階認証をリセットする"
              failureTitle="2段階認証をリセットできませんでした"
              onDone={done("2段階認証をリセットしました")}
            />
          </>
        ) : (
          <p className="text-std-16N-170 text-solid-gray-800">2段階認証は未設定です。次回のログイン時に設定します。</p>
        )}
      </section>
    </div>
  );
}

function EnableForm({ staffUserId, onDone }: { staffUserId: string; onDone: () => void }) {
  const form = useForm<StaffUserRefInput>({ resolver: zodResolver(ZStaffUserRef), defaultValues: { staffUserId } });
  const { onSubmit, message, alertRef, pending } = useFormAction(form, enableStaffUserAction, { onSuccess: onDone });
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="有効にできませんでした" />
      <p className="text-std-16N-170 text-solid-gray-800">このアカウントは無効です。有効にすると、すぐにログインできるようになります。</p>
      <Button type="submit" variant="outline" disabled={pending} className="self-start">
        有効にする
      </Button>
    </form>
  );
}
