"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId } from "react";
import { Controller, useForm, type Resolver } from "react-hook-form";
import { DateField } from "@/components/form/date-fields";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { YearRange } from "@/lib/date-fields";
import { EXPORT_ENCODING_OPTIONS, ZAuditLogExport, ZIssuanceLogExport } from "@/lib/schemas/exports";

// The download form of a log export (/audit/export, /issuances/export): the period and the encoding, checked
// in the browser with the schema the route and the verb use; once valid, the form is sent as a plain GET and
// the browser saves the CSV the route streams.

const SCHEMAS = { audit: ZAuditLogExport, issuances: ZIssuanceLogExport } as const;
type Values = { from: string; to: string; encoding: "utf8" | "sjis" };

export type PeriodExportFormProps = {
  kind: keyof typeof SCHEMAS;
  action: string;
  heading: string;
  /** What the period is of, e.g. 記録の日 or 作成日. */
  dayLabel: string;
  defaultFrom: string;
  defaultTo: string;
  years: YearRange;
  /** The operator's choice carried along (chain or municipality), as on the screen. */
  hidden?: Record<string, string>;
  /** The button's text, unique on the page (e.g. 発行履歴をCSVで出力). */
  submitLabel: string;
  children?: React.ReactNode;
};

export function PeriodExportForm({ kind, action, heading, dayLabel, defaultFrom, defaultTo, years, hidden = {}, submitLabel, children }: PeriodExportFormProps) {
  const headingId = useId();
  const form = useForm<Values>({
    resolver: zodResolver(SCHEMAS[kind] as never) as unknown as Resolver<Values>,
    defaultValues: { from: defaultFrom, to: defaultTo, encoding: "utf8" },
  });
  const errors = form.formState.errors;
  // Valid: send the native form (a GET to the route; the response is an attachment, the page stays).
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const native = e.currentTarget;
    void form.handleSubmit(() => native.submit())(e);
  };
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h2 id={headingId} className="text-std-24B-150 text-solid-gray-900">
        {heading}
      </h2>
      {children}
      <form method="get" action={action} noValidate onSubmit={onSubmit} className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-3 desktop:p-6">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Controller
          control={form.control}
          name="from"
          render={({ field }) => <DateField {...field} label={`${dayLabel}（開始）`} required years={years} error={errors.from?.message} />}
        />
        <Controller control={form.control} name="to" render={({ field }) => <DateField {...field} label={`${dayLabel}（終了）`} required years={years} error={errors.to?.message} />} />
        <SelectField label="文字コード" options={EXPORT_ENCODING_OPTIONS} error={errors.encoding?.message} {...form.register("encoding")} />
        <div className="desktop:col-span-3">
          <Button type="submit" variant="outline">
            {submitLabel}
          </Button>
        </div>
      </form>
    </section>
  );
}
