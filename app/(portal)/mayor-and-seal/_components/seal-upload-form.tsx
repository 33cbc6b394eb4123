"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { Controller, useForm } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { FormMessage } from "@/components/form/form-message";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { yearsAround } from "@/lib/date-fields";
import { errorMessage } from "@/lib/error-messages";
import type { ErrorCode } from "@/lib/error-codes";
import type { FormResult } from "@/lib/form-result";
import { ZOfficialSealForm } from "@/lib/schemas/mayor-and-seal";
import type { z } from "zod";

type Values = z.input<typeof ZOfficialSealForm>;

// Codes that concern one field: shown there as well as in the answer beside the button.
const FIELD_OF: Partial<Record<string, "file" | "effectiveFrom">> = {
  seal_missing: "file",
  seal_too_large: "file",
  seal_not_png: "file",
  seal_bad_dimensions: "file",
  mayor_seal_in_past: "effectiveFrom",
  mayor_seal_date_taken: "effectiveFrom",
};

/** Sends the PNG to the seal route (a route handler: server actions cap bodies at 1 MB) and answers as an action would. */
async function upload(values: z.output<typeof ZOfficialSealForm>, municipalityId: string | undefined): Promise<FormResult> {
  const query = new URLSearchParams({ effectiveFrom: values.effectiveFrom, ...(municipalityId ? { municipalityId } : {}) });
  try {
    const res = await fetch(`/mayor-and-seal/seals?${query}`, { method: "POST", headers: { "Content-Type": "image/png" }, body: values.file[0] });
    if (res.ok) return { ok: true, data: undefined };
    const problem = (await res.json().catch(() => null)) as { code?: string; errors?: Array<{ path: string; message: string }> } | null;
    const code = (problem?.code ?? "internal_error") as ErrorCode;
    const field = FIELD_OF[code];
    const fieldErrors = Object.fromEntries([...(problem?.errors ?? []).map((e) => [e.path, e.message]), ...(field ? [[field, errorMessage(code)]] : [])]);
    return { ok: false, code, message: errorMessage(code), fieldErrors };
  } catch {
    return { ok: false, code: "service_unavailable", message: errorMessage("service_unavailable") };
  }
}

/** A new 公印 from a day on: a PNG of at most 1 MB, 32–2000 pixels a side (checked again on the server). */
export function SealUploadForm({ municipalityId, today }: { municipalityId?: string; today: string }) {
  const router = useRouter();
  const fileId = useId();
  const initial = { effectiveFrom: today } as Values;
  const form = useForm<Values, unknown, z.output<typeof ZOfficialSealForm>>({ resolver: zodResolver(ZOfficialSealForm), defaultValues: initial, mode: "onSubmit" });
  const { result, onSubmit } = useFormAction(form, (values) => upload(values, municipalityId), {
    onSuccess: () => {
      form.reset(initial);
      router.refresh();
    },
  });
  const { register, control, formState } = form;
  const e = formState.errors;
  const fileError = e.file?.message as string | undefined;
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4">
      <div className="flex flex-col gap-2">
        <label htmlFor={fileId} className="text-std-17B-170 text-solid-gray-800">
          公印の画像ファイル
        </label>
        <p id={`${fileId}-hint`} className="text-std-16N-170 text-solid-gray-700">
          PNG形式、1MB以下、縦横32〜2000ピクセル。背景は透明を推奨します。
        </p>
        <input
          id={fileId}
          type="file"
          accept="image/png"
          aria-describedby={[`${fileId}-hint`, fileError ? `${fileId}-error` : null].filter(Boolean).join(" ")}
          aria-invalid={fileError ? true : undefined}
          className="text-std-16N-170 text-solid-gray-800"
          {...register("file")}
        />
        {fileError ? (
          <p id={`${fileId}-error`} className="text-std-16N-170 text-error-1">
            <span aria-hidden="true">＊</span>
            {fileError}
          </p>
        ) : null}
      </div>
      <Controller
        control={control}
        name="effectiveFrom"
        render={({ field }) => (
          <DateField {...field} label="適用開始日" hint="この日の0時（日本時間）以降に発行する証明書に押印します。今日以降の日付を指定してください。" required years={yearsAround(today, 0, 5)} error={e.effectiveFrom?.message} />
        )}
      />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant="outline" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "アップロードしています…" : "公印を登録"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
