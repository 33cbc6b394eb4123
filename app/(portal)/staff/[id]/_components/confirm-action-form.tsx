"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import type { ZDisableStaffUser } from "@/lib/schemas/staff";
import { showFieldErrors, useFormAlert, type ActionResult } from "../../_components/action-result";

// Disable, password reset and MFA reset share this shape: the target user and an explicit confirmation that
// the verb checks with the same schema. The checkbox keeps a destructive click from happening by accident
// and works with the keyboard (Space to check, Enter to submit).
type ConfirmInput = z.infer<typeof ZDisableStaffUser>;

type Props<T> = {
  schema: z.ZodType<ConfirmInput, ConfirmInput>;
  action: (input: ConfirmInput) => Promise<ActionResult<T>>;
  staffUserId: string;
  confirmLabel: string;
  submitLabel: string;
  failureTitle: string;
  onDone: (data: T) => void;
};

export function ConfirmActionForm<T>({ schema, action, staffUserId, confirmLabel, submitLabel, failureTitle, onDone }: Props<T>) {
  const { message, setMessage, ref: alertRef } = useFormAlert();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ConfirmInput>({ resolver: zodResolver(schema), defaultValues: { staffUserId, confirm: false }, reValidateMode: "onChange" });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await action(values);
    if (!result.ok) {
      showFieldErrors(setError, result.fieldErrors);
      setMessage(result.message);
      return;
    }
    reset({ staffUserId, confirm: false });
    onDone(result.data);
  });

  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={(e) => void onSubmit(e)}>
      {message ? (
        <Alert variant="error" role="alert" ref={alertRef} tabIndex={-1} title={failureTitle}>
          {message}
        </Alert>
      ) : null}
      <CheckboxField label={confirmLabel} error={errors.confirm?.message} {...register("confirm")} />
      <Button type="submit" variant="outline" disabled={isSubmitting} className="self-start">
        {submitLabel}
      </Button>
    </form>
  );
}
