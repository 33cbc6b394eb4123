"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { errorMessage } from "@/lib/error-messages";
import { ZSignIn, type SignInInput } from "@/lib/schemas/sign-in";

type Props = {
  /** A same-site path, already checked by the page. */
  callbackUrl?: string;
  /** An error code from next-auth's redirect flow (?error=…). */
  initialError?: string;
  className?: string;
};

export function SignInForm({ callbackUrl, initialError, className }: Props) {
  const router = useRouter();
  const [errorCode, setErrorCode] = useState<string | null>(initialError ?? null);
  const [redirecting, setRedirecting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(ZSignIn),
    defaultValues: { loginId: "", password: "" },
    // After a failed submit, fields revalidate as the user types, so messages disappear once fixed.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  // Move focus to the failure message so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (errorCode) alertRef.current?.focus();
  }, [errorCode]);

  const onSubmit = handleSubmit(async ({ loginId, password }) => {
    setErrorCode(null);
    let code: string | null;
    try {
      // With redirect: false next-auth resolves with { error } instead of navigating; the error is the code
      // that authorize() threw (invalid_credentials, throttled, disabled, validation_failed).
      const result = await signIn("credentials", { redirect: false, loginId, password });
      code = !result ? "internal_error" : (result.error ?? (result.ok ? null : "internal_error"));
    } catch {
      code = "internal_error";
    }
    if (code) {
      resetField("password");
      setErrorCode(code);
      return;
    }
    setRedirecting(true);
    // The password is only the first step: the MFA page sends on to enrolment or the code, then onwards.
    router.replace(callbackUrl ? `/login/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login/mfa");
    router.refresh();
  });

  const busy = isSubmitting || redirecting;

  return (
    <form
      noValidate
      className={["flex flex-col gap-6", className].filter(Boolean).join(" ")}
      onSubmit={(e) => void onSubmit(e)}
    >
      {errorCode ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="ログインできませんでした">
          {errorMessage(errorCode)}
        </Alert>
      ) : null}
      <TextField
        label="ログインID"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={errors.loginId?.message}
        {...register("loginId")}
      />
      <TextField
        label="パスワード"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" size="lg" disabled={busy} className="w-full">
        {busy ? "ログインしています…" : "ログイン"}
      </Button>
    </form>
  );
}
