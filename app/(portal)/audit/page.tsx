import type { Metadata } from "next";
import { Pagination } from "@/components/ui/pagination";
import { firstParam } from "@/lib/search-params";
import { DataTable, TABLE_CELL_CLASS, TABLE_HEADER_CLASS } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { formatJstDateTime, jstDateString } from "@/lib/jst";
import { yearsAround } from "@/lib/date-fields";
import { PeriodExportForm } from "@/components/form/period-export-form";
import { AUDIT_ACTOR_LABELS, ZAuditEventList } from "@/lib/schemas/logs";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listAuditChains } from "@/server/logs/list-audit-chains";
import { listAuditEvents } from "@/server/logs/list-audit-events";
import { verifyAuditChains } from "@/server/logs/verify-audit-chains";
import { SelectField } from "@/components/ui/select-field";

export const metadata: Metadata = { title: "監査記録" };

const REASON_LABELS = {
  hash_mismatch: "記録の内容がハッシュ値と一致しません",
  prev_hash_mismatch: "前の記録とのつながりが一致しません",
  sequence_gap: "連番が欠けています",
} as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("audit:read"));
  const raw = await searchParams;
  const params = { chain: firstParam(raw.chain), action: firstParam(raw.action), page: firstParam(raw.page) };
  const parsed = ZAuditEventList.safeParse(params);
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const input = parsed.success ? params : { chain: params.chain && /^(system|\d{6})$/.test(params.chain) ? params.chain : undefined };
  const [chains, list, check] = await Promise.all([
    listAuditChains({ ctx: staff.ctx }),
    listAuditEvents({ ctx: staff.ctx, input }),
    verifyAuditChains({ ctx: staff.ctx, input }),
  ]);
  const scope = list.scope;
  const today = jstDateString(new Date());

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">監査記録</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          操作の記録は自治体ごとにハッシュ値で連結されています。表示のたびに連結を検証し、記録が書き換えられていないことを確かめます。
        </p>
      </div>

      <form method="get" action="/audit" noValidate className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-2 desktop:p-6">
        {chains.length ? <SelectField label="記録の系列" name="chain" defaultValue={params.chain ?? "system"} options={chains} /> : null}
        <TextField label="操作（前方一致）" name="action" defaultValue={params.action ?? ""} hint="例：issuance.view、incident." autoComplete="off" error={errors.action?.[0]} />
        <div className="desktop:col-span-2">
          <Button type="submit">表示</Button>
        </div>
      </form>

      {!scope || !check ? (
        <Alert variant="warning" title="指定された自治体が見つかりません">
          一覧から選び直してください。
        </Alert>
      ) : (
        <>
          <section aria-labelledby="verify-heading" className="flex flex-col gap-4">
            <h2 id="verify-heading" className="text-std-24B-150 text-solid-gray-900">
              {scope.label}の記録の検証
            </h2>
            {check.result.ok ? (
              <Alert variant="success" title="検証OK：改ざんは検出されませんでした">
                <p>{check.result.checked.toLocaleString("ja-JP")}件の記録の連結を確認しました。</p>
                <p className="break-all">
                  最新のハッシュ値：<span className="font-mono">{check.result.headHash}</span>
                </p>
              </Alert>
            ) : (
              <Alert variant="error" title="改ざんの疑い">
                <p>
                  連番 {check.result.brokenAtSeq} の記録で連結が途切れています（{REASON_LABELS[check.result.reason]}）。それ以前の{check.result.checked.toLocaleString("ja-JP")}件は正常です。
                </p>
                <p>運用事業者に連絡し、データベースの変更履歴を確認してください。</p>
              </Alert>
            )}
          </section>

          <PeriodExportForm
            kind="audit"
            action="/audit/export"
            heading="記録のダウンロード（CSV）"
            submitLabel="監査記録をCSVで出力"
            dayLabel="記録の日"
            defaultFrom={today.slice(0, 8) + "01"}
            defaultTo={today}
            years={yearsAround(today, 10, 0)}
            hidden={scope.municipalityCode ? { chain: scope.municipalityCode } : { chain: "system" }}
          >
            <p className="text-std-16N-170 text-solid-gray-800">
              {scope.label}の記録を、期間を指定して古い順に出力します。前のハッシュ値とハッシュ値の列で、連結をお手元で検証できます。ダウンロードは監査記録に残ります。
            </p>
          </PeriodExportForm>

          <section aria-labelledby="events-heading" className="flex flex-col gap-4">
            <h2 id="events-heading" className="text-std-24B-150 text-solid-gray-900">
              記録の一覧
            </h2>
            {list.total === 0 ? (
              <p className="text-std-16N-170">記録はありません。</p>
            ) : (
              <>
                <Pagination basePath="/audit" params={params} page={list.page} pageCount={list.pageCount} total={list.total} />
                <DataTable
                  label="監査記録の表"
                  caption="監査記録（新しい順）"
                  rows={list.items}
                  rowKey={(e) => e.seq}
                  rowClassName="border-b border-solid-gray-200 last:border-b-0"
                  columns={[
                    { header: "連番", headerClassName: `${TABLE_HEADER_CLASS} text-right`, rowHeader: true, className: `${TABLE_CELL_CLASS} text-right font-normal tabular-nums`, cell: (e) => e.seq },
                    { header: "日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (e) => formatJstDateTime(e.occurredAt) },
                    {
                      header: "操作者",
                      className: TABLE_CELL_CLASS,
                      cell: (e) => (
                        <>
                          {AUDIT_ACTOR_LABELS[e.actorType]}
                          {e.actor ? <span className="block break-all font-mono text-dns-14N-130">{e.actor}</span> : null}
                        </>
                      ),
                    },
                    { header: "操作", className: `${TABLE_CELL_CLASS} font-mono`, cell: (e) => e.action },
                    {
                      header: "対象",
                      className: TABLE_CELL_CLASS,
                      cell: (e) => (
                        <>
                          {e.targetType ?? "—"}
                          {e.targetId ? <span className="block break-all font-mono text-dns-14N-130">{e.targetId}</span> : null}
                        </>
                      ),
                    },
                    { header: "詳細", className: `${TABLE_CELL_CLASS} max-w-80 break-all font-mono text-dns-14N-130`, cell: (e) => e.details },
                  ]}
                />
                <Pagination basePath="/audit" params={params} page={list.page} pageCount={list.pageCount} total={list.total} />
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
