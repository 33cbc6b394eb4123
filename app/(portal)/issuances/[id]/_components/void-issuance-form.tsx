"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { VoidReasonFields } from "@/components/form/void-reason-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ZVoidIssuance, type VoidIssuanceInput } from "@/lib/schemas/issuance-void";
import { voidIssuanceAction } from "../../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

/**
 * The municipal administrator's void of one printed issuance: a reason, and the confirmation that it is final.
 * Once `voided` (after the refresh) only the confirmation of this session's void stays, for screen readers.
 */
export function VoidIssuanceForm({ issuanceId, voided }: { issuanceId: string; voided: boolean }) {
  const router = useRouter();
  const [done, setDone] = useState(false);
  const form = useForm<VoidIssuanceInput>({
    resolver: zodResolver(ZVoidIssuance),
    defaultValues: { issuanceId, reason: undefined, note: "", confirm: false },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { onSubmit, message, alertRef, pending } = useFormAction(form, voidIssuanceAction, {
    onSuccess: () => {
      setDone(true);
      router.refresh();
    },
  });

  if (done || voided) {
    return done ? (
      <Alert variant="success" role="status">
        この証明書を無効にしました。
      </Alert>
    ) : null;
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4 desktop:p-6">
      <FormErrorAlert message={message} alertRef={alertRef} title="無効にできませんでした" />
      <input type="hidden" {...form.register("issuanceId")} />
      <VoidReasonFields register={form.register} errors={form.formState.errors} />
      <div>
        <Button type="submit" disabled={pending}>
          この証明書を無効にする
        </Button>
      </div>
    </form>
  );
}
