"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { VoidReasonFields } from "@/components/form/void-reason-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDateTime } from "@/lib/jst";
import { VOID_REASON_LABELS, ZVoidIncidentIssuances, type VoidIncidentIssuancesInput } from "@/lib/schemas/issuance-void";
import { ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import type { AffectedIssuance } from "@/server/incidents/get-incident";
import { voidIncidentIssuancesAction } from "../../actions";
import { AddByNumbersForm, AddBySearchForm } from "./add-issuances-forms";
import { FormErrorAlert } from "@/components/form/form-error-alert";

const voidable = (r: AffectedIssuance) => r.status === "printed" && !r.voidedAt;

/** The issuances an incident lists, the form adding more by 発行番号, and the void of the chosen ones or all. */
export function AffectedIssuances({ incidentId, rows, mayAdd, mayVoid }: { incidentId: string; rows: AffectedIssuance[]; mayAdd: boolean; mayVoid: boolean }) {
  const [selected, setSelected] = useState<string[]>([]);
  // Shown here, not in the void form: the form goes once nothing is left to void.
  const [voidDone, setVoidDone] = useState<string | null>(null);
  const open = rows.filter(voidable);
  const showVoid = mayVoid && open.length > 0;

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <div className="flex flex-col gap-6">
      {voidDone ? (
        <Alert variant="success" role="status">
          {voidDone}
        </Alert>
      ) : null}
      <DataTable
        label="影響を受けた発行記録の表"
        caption="影響を受けた発行記録"
        rows={rows}
        rowKey={(r) => r.id}
        empty={<p className="text-std-16N-170">このインシデントに関連付けられた発行記録はありません。</p>}
        columns={[
          showVoid && {
            header: "選択",
            className: TABLE_CELL_CLASS,
            cell: (r) =>
              voidable(r) ? (
                <input
                  type="checkbox"
                  aria-label={`${r.issuanceNo}を選択`}
                  checked={selected.includes(r.id)}
                  onChange={(e) => toggle(r.id, e.target.checked)}
                  className="size-6 accent-blue-900 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black"
                />
              ) : null,
          },
          {
            header: "発行番号",
            rowHeader: true,
            className: `${TABLE_CELL_CLASS} whitespace-nowrap font-mono font-normal tabular-nums`,
            cell: (r) => (
              <Link href={`/issuances/${r.id}`} className={TEXT_LINK_CLASS}>
                {r.issuanceNo}
              </Link>
            ),
          },
          { header: "証明書の種類", className: TABLE_CELL_CLASS, cell: (r) => CERTIFICATE_NAMES[r.certificateType] },
          {
            header: "状態",
            className: `${TABLE_CELL_CLASS} whitespace-nowrap`,
            cell: (r) => (
              <>
                {ISSUANCE_STATUS_LABELS[r.status]}
                {r.voidedAt ? <span className="ml-2 rounded-4 bg-error-1 px-2 py-0.5 text-dns-14B-120 text-white">無効</span> : null}
              </>
            ),
          },
          { header: "無効の理由", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (r) => (r.voidReason ? VOID_REASON_LABELS[r.voidReason] : "—") },
          { header: "作成日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (r) => formatJstDateTime(r.renderedAt) },
          { header: "店舗・端末", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (r) => `${r.storeChain} / ${r.terminalId}` },
          { header: "記録", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (r) => (r.own ? "インシデントの発行" : "職員が追加") },
        ]}
      />
      {showVoid ? (
        <VoidForm
          incidentId={incidentId}
          selected={selected}
          openCount={open.length}
          onDone={(text) => {
            setSelected([]);
            setVoidDone(text);
          }}
        />
      ) : null}
      {mayAdd ? (
        <>
          <AddByNumbersForm incidentId={incidentId} />
          <AddBySearchForm incidentId={incidentId} />
        </>
      ) : null}
    </div>
  );
}

function VoidForm({ incidentId, selected, openCount, onDone }: { incidentId: string; selected: string[]; openCount: number; onDone: (text: string) => void }) {
  const router = useRouter();
  const headingId = useId();
  const form = useForm<VoidIncidentIssuancesInput>({
    resolver: zodResolver(ZVoidIncidentIssuances),
    defaultValues: { incidentId, scope: "selected", issuanceIds: [], reason: undefined, note: "", confirm: false },
  });
  const { onSubmit, message, alertRef, pending } = useFormAction(form, voidIncidentIssuancesAction, {
    onSuccess: (data) => {
      form.reset({ incidentId, scope: "selected", issuanceIds: [], reason: undefined, note: "", confirm: false });
      onDone(`${data.voided.length}件の証明書を無効にしました。`);
      router.refresh();
    },
  });
  const choose = (scope: "selected" | "all") => () => {
    form.setValue("scope", scope);
    form.setValue("issuanceIds", scope === "all" ? [] : selected);
  };
  const idsError = form.formState.errors.issuanceIds?.message;
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4 desktop:p-6" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-std-20B-150 text-solid-gray-900">
        一覧の証明書を無効にする
      </h3>
      <FormErrorAlert message={message} alertRef={alertRef} title="無効にできませんでした" />
      <p className="text-std-16N-170 text-solid-gray-800">
        表で選んだ証明書、または無効になっていない印刷済みの証明書すべて（{openCount}件）を、同じ理由でまとめて無効にします。1件でも無効にできないものがあれば、どれも無効にしません。
      </p>
      <VoidReasonFields register={form.register} errors={form.formState.errors} />
      {idsError ? (
        <p className="text-std-16N-170 text-error-1" role="alert">
          <span aria-hidden="true">＊</span>
          {idsError}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-4">
        <Button type="submit" disabled={pending} onClick={choose("selected")}>
          選択した証明書を無効にする（{selected.length}件）
        </Button>
        <Button type="submit" variant="outline" disabled={pending} onClick={choose("all")}>
          無効でない証明書をすべて無効にする
        </Button>
      </div>
    </form>
  );
}
