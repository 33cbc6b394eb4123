"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ROLE_LABELS, type StaffRoleName } from "@/lib/roles";
import { ZCreateStaffUser, type CreateStaffUserInput } from "@/lib/schemas/staff";
import { createStaffUserAction } from "../actions";

type Props = { roles: StaffRoleName[]; chooseMunicipality: boolean };

export function CreateStaffForm({ roles, chooseMunicipality }: Props) {
  const router = useRouter();
  const roleId = useId();
  const [message, setMessage] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateStaffUserInput>({
    resolver: zodResolver(ZCreateStaffUser),
    defaultValues: { loginId: "", displayName: "", role: roles.includes("clerk") ? "clerk" : roles[0], municipalityCode: "", initialPassword: "" },
    reValidateMode: "onChange",
  });

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await createStaffUserAction(values);
    if (!result.ok) {
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof CreateStaffUserInput, { message: text });
      setMessage(result.message);
      return;
    }
    router.push("/staff");
  });

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={(e) => void onSubmit(e)}>
      {message ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title="職員を追加できませんでした">
          {message}
        </Alert>
      ) : null}
      <TextField label="ログインID" hint="半角英小文字・数字・「.」「_」「-」" autoCapitalize="none" spellCheck={false} required error={errors.loginId?.message} {...register("loginId")} />
      <TextField label="氏名" required error={errors.displayName?.message} {...register("displayName")} />
      <div className="flex flex-col gap-2">
        <label htmlFor={roleId} className="text-std-17B-170 text-solid-gray-800">
          役割
        </label>
        <select
          id={roleId}
          className="min-h-14 rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800"
          {...register("role")}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
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
