"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import type { FormResult } from "@/lib/form-result";
import type { ZDisableStaffUser } from "@/lib/schemas/staff";
import { FormErrorAlert } from "@/components/form/form-error-alert";

// Disable, password reset and MFA reset share this shape: the target user and an explicit confirmation that
// the verb checks with the same schema. The checkbox keeps a destructive click from happening by accident
// and works with the keyboard (Space to check, Enter to submit).
type ConfirmInput = z.infer<typeof ZDisableStaffUser>;

type Props<T> = {
  schema: z.ZodType<ConfirmInput, ConfirmInput>;
  action: (input: ConfirmInput) => Promise<FormResult<T>>;
  staffUserId: string;
  confirmLabel: string;
  submitLabel: string;
  failureTitle: string;
  onDone: (data: T) => void;
};

export function ConfirmActionForm<T>({ schema, action, staffUserId, confirmLabel, submitLabel, failureTitle, onDone }: Props<T>) {
  const form = useForm<ConfirmInput>({ resolver: zodResolver(schema), defaultValues: { staffUserId, confirm: false }, reValidateMode: "onChange" });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, message, alertRef } = useFormAction(form, action, {
    onSuccess: (data) => {
      form.reset({ staffUserId, confirm: false });
      onDone(data);
    },
  });

  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title={failureTitle} />
      <CheckboxField label={confirmLabel} error={errors.confirm?.message} {...register("confirm")} />
      <Button type="submit" variant="outline" disabled={isSubmitting} className="self-start">
        {submitLabel}
      </Button>
    </form>
  );
}
