"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import {
  MUNICIPALITY_STATUS_LABELS,
  MUNICIPALITY_STATUSES,
  ZMunicipalityStatusChange,
  type MunicipalityStatusChangeInput,
  type MunicipalityStatusName,
} from "@/lib/schemas/municipality";
import { setMunicipalityStatusAction } from "../actions";

const OPTIONS = MUNICIPALITY_STATUSES.map((s) => ({ value: s, label: MUNICIPALITY_STATUS_LABELS[s] }));

/** Switches the municipality between 準備中, 稼働中 and 停止中 (the verb's zod schema validates here too). */
export function StatusForm({ code, status }: { code: string; status: MunicipalityStatusName }) {
  const router = useRouter();
  const form = useForm<MunicipalityStatusChangeInput>({ resolver: zodResolver(ZMunicipalityStatusChange), defaultValues: { code, status }, reValidateMode: "onChange" });
  const {
    register,
    control,
    formState: { errors, isSubmitting },
  } = form;
  const chosen = useWatch({ control, name: "status" });
  const { onSubmit, message, alertRef, result } = useFormAction(form, setMunicipalityStatusAction, { onSuccess: () => router.refresh() });

  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
      {message ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1}>
          {message}
        </Alert>
      ) : result?.ok ? (
        <Alert variant="success" role="status">
          {`状態を「${MUNICIPALITY_STATUS_LABELS[result.data]}」にしました。`}
        </Alert>
      ) : null}
      <SelectField label="状態" options={OPTIONS} error={errors.status?.message} {...register("status")} />
      <div>
        <Button type="submit" variant="outline" disabled={isSubmitting || chosen === status}>
          状態を変更する
        </Button>
      </div>
    </form>
  );
}
