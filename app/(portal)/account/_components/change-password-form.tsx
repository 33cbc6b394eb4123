"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signOut } from "next-auth/react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZChangePassword, type ChangePasswordInput } from "@/lib/schemas/staff";
import { changePasswordAction } from "../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

export function ChangePasswordForm() {
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(ZChangePassword),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    reValidateMode: "onChange",
  });
  const {
    register,
    formState: { errors, isSubmitting, isSubmitSuccessful },
  } = form;
  const { onSubmit, message, alertRef } = useFormAction(form, changePasswordAction, {
    onFailure: (_, values) => form.reset({ ...values, currentPassword: "" }, { keepErrors: true }),
    // Every session of this user has just ended (sessionVersion): sign in again with the new password.
    onSuccess: () => signOut({ callbackUrl: "/login?notice=password_changed" }),
  });

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="パスワードを変更できませんでした" />
      <TextField label="現在のパスワード" type="password" autoComplete="current-password" required error={errors.currentPassword?.message} {...register("currentPassword")} />
      <TextField label="新しいパスワード" hint="12文字以上" type="password" autoComplete="new-password" required error={errors.newPassword?.message} {...register("newPassword")} />
      <TextField label="新しいパスワード（確認）" type="password" autoComplete="new-password" required error={errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" size="lg" disabled={isSubmitting || (isSubmitSuccessful && !message)} className="self-start">
        パスワードを変更する
      </Button>
    </form>
  );
}
