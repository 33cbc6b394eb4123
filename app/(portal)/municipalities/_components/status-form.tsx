"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
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
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<MunicipalityStatusChangeInput>({ resolver: zodResolver(ZMunicipalityStatusChange), defaultValues: { code, status }, reValidateMode: "onChange" });

  const chosen = useWatch({ control, name: "status" });

  useEffect(() => {
    if (message && !message.ok) alertRef.current?.focus();
  }, [message]);

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await setMunicipalityStatusAction(values);
    if (!result.ok) {
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) setError(field as keyof MunicipalityStatusChangeInput, { message: text });
      setMessage({ ok: false, text: result.message });
      return;
    }
    setMessage({ ok: true, text: `状態を「${MUNICIPALITY_STATUS_LABELS[values.status]}」にしました。` });
    router.refresh();
  });

  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={(e) => void onSubmit(e)}>
      {message ? (
        <Alert variant={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"} ref={alertRef} tabIndex={message.ok ? undefined : -1}>
          {message.text}
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
