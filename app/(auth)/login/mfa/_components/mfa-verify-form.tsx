"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { ZMfaCode, ZRecoveryCode, type MfaCodeInput, type RecoveryCodeInput } from "@/lib/schemas/staff";
import { updateSession } from "../../_components/update-session";
import type { FormResult } from "@/lib/form-result";
import { redeemRecoveryCodeAction, verifyMfaAction } from "../actions";

type Props = { callbackUrl?: string; className?: string };

/** The TOTP code form, with a switch to a recovery code for a lost authenticator. */
export function MfaVerifyForm({ callbackUrl, className }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<"totp" | "recovery">("totp");
  const [message, setMessage] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const totp = useForm<MfaCodeInput>({ resolver: zodResolver(ZMfaCode), defaultValues: { code: "" }, reValidateMode: "onChange" });
  const recovery = useForm<RecoveryCodeInput>({ resolver: zodResolver(ZRecoveryCode), defaultValues: { code: "" }, reValidateMode: "onChange" });

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  async function finish(result: FormResult<{ proof: string }>, reset: () => void) {
    if (!result.ok) {
      reset();
      setMessage(result.message);
      return;
    }
    setRedirecting(true);
    if (!(await updateSession({ mfaProof: result.data.proof }))) {
      setRedirecting(false);
      setMessage("エラーが発生しました。しばらく時間をおいてから再度お試しください。");
      return;
    }
    // Checked by the page already; checked again here because this is where it is followed.
    router.replace(safeCallbackUrl(callbackUrl, window.location.origin));
    router.refresh();
  }

  const submitTotp = totp.handleSubmit(async (values) => {
    setMessage(null);
    await finish(await verifyMfaAction(values), () => totp.resetField("code"));
  });
  const submitRecovery = recovery.handleSubmit(async (values) => {
    setMessage(null);
    await finish(await redeemRecoveryCodeAction(values), () => recovery.resetField("code"));
  });

  const busy = totp.formState.isSubmitting || recovery.formState.isSubmitting || redirecting;

  return (
    <div className={["flex flex-col gap-6", className].filter(Boolean).join(" ")}>
      {message ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="認証できませんでした">
          {message}
        </Alert>
      ) : null}
      {mode === "totp" ? (
        <form noValidate className="flex flex-col gap-6" onSubmit={(e) => void submitTotp(e)}>
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
        <form noValidate className="flex flex-col gap-6" onSubmit={(e) => void submitRecovery(e)}>
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
          setMessage(null);
          setMode(mode === "totp" ? "recovery" : "totp");
        }}
      >
        {mode === "totp" ? "認証アプリを使えない場合（リカバリーコード）" : "認証アプリの確認コードを使う"}
      </Button>
    </div>
  );
}
