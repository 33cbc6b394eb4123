"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZChangePassword, type ChangePasswordInput } from "@/lib/schemas/staff";
import { changePasswordAction } from "../actions";

export function ChangePasswordForm() {
  const [message, setMessage] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(ZChangePassword),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    reValidateMode: "onChange",
  });

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await changePasswordAction(values);
    if (!result.ok) {
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as keyof ChangePasswordInput, { message: text });
      }
      reset({ ...values, currentPassword: "" }, { keepErrors: true });
      setMessage(result.message);
      return;
    }
    // Every session of this user has just ended (sessionVersion): sign in again with the new password.
    await signOut({ callbackUrl: "/login?notice=password_changed" });
  });

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={(e) => void onSubmit(e)}>
      {message ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="パスワードを変更できませんでした">
          {message}
        </Alert>
      ) : null}
      <TextField label="現在のパスワード" type="password" autoComplete="current-password" required error={errors.currentPassword?.message} {...register("currentPassword")} />
      <TextField label="新しいパスワード" hint="12文字以上" type="password" autoComplete="new-password" required error={errors.newPassword?.message} {...register("newPassword")} />
      <TextField label="新しいパスワード（確認）" type="password" autoComplete="new-password" required error={errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" size="lg" disabled={isSubmitting || (isSubmitSuccessful && !message)} className="self-start">
        パスワードを変更する
      </Button>
    </form>
  );
}
