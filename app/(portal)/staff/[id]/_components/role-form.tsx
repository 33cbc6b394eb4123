"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { ROLE_LABELS, type StaffRoleName } from "@/lib/roles";
import { ZChangeRole, type ChangeRoleInput } from "@/lib/schemas/staff";
import { changeRoleAction } from "../../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

type Props = { staffUserId: string; role: StaffRoleName; choices: StaffRoleName[] };

export function RoleForm({ staffUserId, role, choices }: Props) {
  const router = useRouter();
  const form = useForm<ChangeRoleInput>({ resolver: zodResolver(ZChangeRole), defaultValues: { staffUserId, role }, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, message, alertRef, result } = useFormAction(form, changeRoleAction, { onSuccess: () => router.refresh() });
  const saved = result?.ok;

  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="役割を変更できませんでした" />
      {saved ? <Alert variant="success" role="status" title="役割を変更しました" /> : null}
      <SelectField
        label="役割"
        hint="変更は対象の職員の次の操作から有効になります。"
        options={choices.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        error={errors.role?.message}
        {...register("role")}
      />
      <Button type="submit" variant="outline" disabled={isSubmitting} className="self-start">
        役割を変更する
      </Button>
    </form>
  );
}
