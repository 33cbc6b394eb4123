"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction, useFormAlert } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { ZMfaCode, ZRecoveryCode, type MfaCodeInput, type RecoveryCodeInput } from "@/lib/schemas/staff";
import { updateSession } from "@/components/auth/update-session";
import { redeemRecoveryCodeAction, verifyMfaAction } from "../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

type Props = { callbackUrl?: string; className?: string };

/** The TOTP code form, with a switch to a recovery code for a lost authenticator. */
export function MfaVerifyForm({ callbackUrl, className }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<"totp" | "recovery">("totp");
  const [redirecting, setRedirecting] = useState(false);
  const alert = useFormAlert();
  const { message, ref: alertRef } = alert;
  const totp = useForm<MfaCodeInput>({ resolver: zodResolver(ZMfaCode), defaultValues: { code: "" }, reValidateMode: "onChange" });
  const recovery = useForm<RecoveryCodeInput>({ resolver: zodResolver(ZRecoveryCode), defaultValues: { code: "" }, reValidateMode: "onChange" });

  async function finish({ proof }: { proof: string }) {
    setRedirecting(true);
    if (!(await updateSession({ mfaProof: proof }))) {
      setRedirecting(false);
      alert.setMessage("エラーが発生しました。しばらく時間をおいてから再度お試しください。");
      return;
    }
    // Checked by the page already; checked again here because this is where it is followed.
    router.replace(safeCallbackUrl(callbackUrl, window.location.origin));
    router.refresh();
  }

  // A refused code is cleared from its field; the banner says why.
  const submitTotp = useFormAction(totp, verifyMfaAction, { alert, onFailure: () => totp.resetField("code"), onSuccess: finish });
  const submitRecovery = useFormAction(recovery, redeemRecoveryCodeAction, { alert, onFailure: () => recovery.resetField("code"), onSuccess: finish });

  const busy = submitTotp.pending || submitRecovery.pending || redirecting;

  return (
    <div className={["flex flex-col gap-6", className].filter(Boolean).join(" ")}>
      <FormErrorAlert message={message} alertRef={alertRef} title="認証できませんでした" />
      {mode === "totp" ? (
        <form noValidate className="flex flex-col gap-6" onSubmit={submitTotp.onSubmit}>
          <TextField
            label="確認コード"
            hint="6桁の数字"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            error={totp.formState.errors.code?.message}
            {...totp.register("code")}
          />
          <Button type="submit" size="lg" disabled={busy} className="w-full">
            {busy ? "確認しています…" : "確認"}
          </Button>
        </form>
      ) : (
        <form noValidate className="flex flex-col gap-6" onSubmit={submitRecovery.onSubmit}>
          <TextField
            label="リカバリーコード"
            hint="2段階認証の設定時に控えたコード（例: abcde-12345）。各コードは1回だけ使えます。"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={recovery.formState.errors.code?.message}
            {...recovery.register("code")}
          />
          <Button type="submit" size="lg" disabled={busy} className="w-full">
            {busy ? "確認しています…" : "リカバリーコードで確認"}
          </Button>
        </form>
      )}
      <Button
        variant="text"
        onClick={() => {
          alert.setMessage(null);
          setMode(mode === "totp" ? "recovery" : "totp");
        }}
      >
        {mode === "totp" ? "認証アプリを使えない場合（リカバリーコード）" : "認証アプリの確認コードを使う"}
      </Button>
    </div>
  );
}
