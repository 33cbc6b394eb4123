"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { ROLE_LABELS, type StaffRoleName } from "@/lib/roles";
import { ZCreateStaffUser, type CreateStaffUserInput } from "@/lib/schemas/staff";
import { createStaffUserAction } from "../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

type Props = { roles: StaffRoleName[]; chooseMunicipality: boolean };

export function CreateStaffForm({ roles, chooseMunicipality }: Props) {
  const router = useRouter();
  const form = useForm<CreateStaffUserInput>({
    resolver: zodResolver(ZCreateStaffUser),
    defaultValues: { loginId: "", displayName: "", role: roles.includes("clerk") ? "clerk" : roles[0], municipalityCode: "", initialPassword: "" },
    reValidateMode: "onChange",
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, message, alertRef } = useFormAction(form, createStaffUserAction, { onSuccess: () => router.push("/staff") });

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="職員を追加できませんでした" />
      <TextField label="ログインID" hint="半角英小文字・数字・「.」「_」「-」" autoCapitalize="none" spellCheck={false} required error={errors.loginId?.message} {...register("loginId")} />
      <TextField label="氏名" required error={errors.displayName?.message} {...register("displayName")} />
      <SelectField label="役割" required options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} error={errors.role?.message} {...register("role")} />
      {chooseMunicipality ? (
        <TextField
          label="自治体コード"
          hint="6桁（検査数字を含む）。運用事業者のアカウントでは空欄にしてください。"
          inputMode="numeric"
          error={errors.municipalityCode?.message}
          {...register("municipalityCode")}
        />
      ) : null}
      <TextField label="初期パスワード" hint="12文字以上" type="password" autoComplete="new-password" required error={errors.initialPassword?.message} {...register("initialPassword")} />
      <Button type="submit" size="lg" disabled={isSubmitting} className="self-start">
        追加する
      </Button>
    </form>
  );
}
