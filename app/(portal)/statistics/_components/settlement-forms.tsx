"use client";

import { Controller } from "react-hook-form";
import { DateField, MonthField } from "@/components/form/date-fields";
import { Button } from "@/components/ui/button";
import { yearsAround } from "@/lib/date-fields";
import { TextField } from "@/components/ui/text-field";
import { ZCommissionRateForm, ZCounterCountForm, type CommissionRateForm, type CounterCountForm } from "@/lib/schemas/statistics";
import { FormMessage } from "@/components/form/form-message";
import { useSchemaForm } from "@/components/form/use-schema-form";
import { addCommissionRateAction, setCounterCountAction } from "../actions";

/** Counter issuance of a month (copies), for the kiosk share. */
export function CounterCountForm({ municipalityId, month, copies }: { municipalityId?: string; month: string; copies: number | null }) {
  const initial: CounterCountForm = { municipalityId, month, copies: (copies ?? "") as unknown as number };
  const { form, result, onSubmit } = useSchemaForm(ZCounterCountForm, initial, setCounterCountAction);
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="窓口での発行通数の入力">
      <Controller control={control} name="month" render={({ field }) => <MonthField {...field} label="対象月" required years={yearsAround(month, 5, 1)} error={e.month?.message} />} />
      <TextField label="窓口での発行通数" inputMode="numeric" hint="この月に窓口で交付した証明書の通数（住民票・印鑑・税・戸籍の合計）" required error={e.copies?.message} {...register("copies")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存しています…" : "窓口の通数を保存"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}

/** A commission rate from a date, for one chain or the default. */
export function CommissionRateForm({ municipalityId, firstOfNextMonth }: { municipalityId?: string; firstOfNextMonth: string }) {
  const initial: CommissionRateForm = { municipalityId, storeChain: "", amount: "" as unknown as number, effectiveFrom: firstOfNextMonth, note: "" };
  const { form, result, onSubmit } = useSchemaForm(ZCommissionRateForm, initial, addCommissionRateAction, { resetOnSuccess: true });
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="委託手数料の登録">
      <TextField label="コンビニチェーン" hint="識別子（例 seven-eleven, lawson, familymart）。空欄はチェーン別の設定がないチェーンすべてに適用します。" error={e.storeChain?.message} {...register("storeChain")} />
      <TextField label="委託手数料（円、1通あたり）" inputMode="numeric" required error={e.amount?.message} {...register("amount")} />
      <Controller
        control={control}
        name="effectiveFrom"
        render={({ field }) => <DateField {...field} label="適用開始日" required years={yearsAround(firstOfNextMonth, 5, 5)} error={e.effectiveFrom?.message} />}
      />
      <TextField label="備考" hint="100文字以内（例 令和8年度契約）" error={e.note?.message} {...register("note")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "登録しています…" : "委託手数料を登録"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
