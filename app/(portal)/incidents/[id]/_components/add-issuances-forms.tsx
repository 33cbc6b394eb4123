"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";
import {
  MAX_LINKS_AT_ONCE,
  MAX_SEARCH_LINKS,
  ZAddIncidentIssuances,
  ZAddIncidentIssuancesBySearch,
  type AddIncidentIssuancesBySearchInput,
  type AddIncidentIssuancesInput,
} from "@/lib/schemas/issuance-void";
import { addIncidentIssuancesAction, addIncidentIssuancesBySearchAction } from "../../actions";
import { FormErrorAlert } from "@/components/form/form-error-alert";

// The two ways staff list issuances as affected by an incident: by 発行番号, or by a search over a time window
// (with a certificate type and a terminal). Both are audited by their verbs.

const TYPE_OPTIONS = [{ value: "", label: "すべて" }, ...CERTIFICATE_TYPES.map((t) => ({ value: t, label: CERTIFICATE_NAMES[t] }))];
const addedText = (data: { added: number; skipped: number }) => `${data.added}件を追加しました。${data.skipped ? `（${data.skipped}件は登録済み）` : ""}`;

export function AddByNumbersForm({ incidentId }: { incidentId: string }) {
  const router = useRouter();
  const headingId = useId();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<AddIncidentIssuancesInput>({ resolver: zodResolver(ZAddIncidentIssuances), defaultValues: { incidentId, issuanceNos: "" } });
  const { onSubmit, message, alertRef, pending } = useFormAction(form, addIncidentIssuancesAction, {
    onSuccess: (data) => {
      setDone(addedText(data));
      form.reset({ incidentId, issuanceNos: "" });
      router.refresh();
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4 desktop:p-6" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-std-20B-150 text-solid-gray-900">
        発行番号で追加する
      </h3>
      <FormErrorAlert message={message} alertRef={alertRef} title="追加できませんでした" />
      {done ? (
        <Alert variant="success" role="status">
          {done}
        </Alert>
      ) : null}
      <input type="hidden" {...form.register("incidentId")} />
      <TextAreaField
        label="発行番号"
        required
        hint={
          <>
            1行に1つ（空白・カンマ区切りも可）、一度に{MAX_LINKS_AT_ONCE}件まで。
            <Link href="/issuances" className={TEXT_LINK_CLASS}>
              発行履歴
            </Link>
            で検索した番号も貼り付けられます。
          </>
        }
        error={form.formState.errors.issuanceNos?.message}
        {...form.register("issuanceNos")}
      />
      <div>
        <Button type="submit" variant="outline" disabled={pending}>
          一覧に追加する
        </Button>
      </div>
    </form>
  );
}

export function AddBySearchForm({ incidentId }: { incidentId: string }) {
  const router = useRouter();
  const headingId = useId();
  const [done, setDone] = useState<string | null>(null);
  const empty = { incidentId, from: "", to: "", type: "", terminalId: "" } as AddIncidentIssuancesBySearchInput;
  const form = useForm<AddIncidentIssuancesBySearchInput>({ resolver: zodResolver(ZAddIncidentIssuancesBySearch), defaultValues: empty });
  const { onSubmit, message, alertRef, pending } = useFormAction(form, addIncidentIssuancesBySearchAction, {
    onSuccess: (data) => {
      setDone(addedText(data));
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="grid grid-cols-1 gap-4 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-2 desktop:p-6" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-std-20B-150 text-solid-gray-900 desktop:col-span-2">
        期間・種類・端末で探して追加する
      </h3>
      <FormErrorAlert message={message} alertRef={alertRef} title="追加できませんでした" className="desktop:col-span-2" />
      {done ? (
        <Alert variant="success" role="status" className="desktop:col-span-2">
          {done}
        </Alert>
      ) : null}
      <p className="text-std-16N-170 text-solid-gray-800 desktop:col-span-2">
        作成日時が開始から終了の前までの発行記録を、状態にかかわらずすべて追加します（{MAX_SEARCH_LINKS}件まで）。
      </p>
      <input type="hidden" {...form.register("incidentId")} />
      <TextField label="作成日時（開始）" type="datetime-local" required error={errors.from?.message} {...form.register("from")} />
      <TextField label="作成日時（終了）" type="datetime-local" required error={errors.to?.message} {...form.register("to")} />
      <SelectField label="証明書の種類" options={TYPE_OPTIONS} error={errors.type?.message} {...form.register("type")} />
      <TextField label="端末ID" hint="空欄ですべての端末" autoComplete="off" error={errors.terminalId?.message} {...form.register("terminalId")} />
      <div className="desktop:col-span-2">
        <Button type="submit" variant="outline" disabled={pending}>
          該当する発行記録を追加する
        </Button>
      </div>
    </form>
  );
}
