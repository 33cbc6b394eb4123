import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { FEED_LABELS, formatImportError, IMPORT_STATUS_LABELS, MODE_LABELS, SOURCE_LABELS } from "@/lib/import-feeds";
import { formatJstMinute } from "@/lib/jst";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listImportJobs } from "@/server/imports/list-import-jobs";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "データ取込" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const number = new Intl.NumberFormat("ja-JP");

export default async function ImportsPage({ searchParams }: Props) {
  const staff = await requireStaff(...rolesWith("imports:run"));
  const params = await searchParams;
  const code = typeof params.municipality === "string" ? params.municipality : null;
  const page = await listImportJobs({ ctx: staff.ctx, municipalityCode: code });
  const isOperator = can(staff.role, "all-municipalities");

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">データ取込</h1>
        <p className="text-std-16N-170 text-solid-gray-700">
          住民基本台帳・印鑑登録・税・戸籍・附票の各システムと電子証明書のデータを取り込みます。ファイルに1行でも誤りがあれば何も取り込まず、誤りのある行を表示します。
        </p>
        {page.selected ? (
          <p className="text-std-16N-170 text-solid-gray-700">
            {page.selected.name}（団体コード {page.selected.code}）
          </p>
        ) : null}
      </div>

      {isOperator ? (
        <form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField
            id="import-municipality"
            label="取り込む自治体"
            name="municipality"
            defaultValue={page.selected?.code ?? ""}
            placeholder="選んでください"
            options={page.municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
          />
          <Button type="submit" variant="outline">
            表示
          </Button>
        </form>
      ) : null}

      {page.selected ? (
        <ImportForm municipality={page.selected} operatorChoice={isOperator ? page.selected.id : null} />
      ) : (
        <Alert variant="info" title="自治体を選んでください">
          運用事業者は、取り込む自治体を選んでから操作します。
        </Alert>
      )}

      {page.selected ? (
        <section aria-labelledby="jobs-heading" className="flex flex-col gap-4">
          <h2 id="jobs-heading" className="text-std-24B-150 text-solid-gray-900">
            最近の取込
          </h2>
          <DataTable
            label="最近の取込の表"
            caption="最近の取込の日時、データ、方法、経路、ファイル、結果と件数"
            rows={page.jobs}
            rowKey={(j) => j.jobId}
            rowClassName="border-b border-solid-gray-200 align-top last:border-b-0"
            empty={<p className="text-std-16N-170">まだ取込はありません。</p>}
            columns={[
              { header: "日時", className: "whitespace-nowrap px-3 py-3 tabular-nums", cell: (j) => formatJstMinute(j.createdAt) },
              { header: "データ", rowHeader: true, className: "px-3 py-3 font-normal", cell: (j) => FEED_LABELS[j.feed] },
              { header: "方法", className: "whitespace-nowrap px-3 py-3", cell: (j) => (j.mode === "full" ? "全件" : "差分") },
              { header: "経路", className: "whitespace-nowrap px-3 py-3", cell: (j) => SOURCE_LABELS[j.source as keyof typeof SOURCE_LABELS] ?? j.source },
              { header: "ファイル", className: "max-w-48 break-all px-3 py-3", cell: (j) => j.fileName ?? "—" },
              {
                header: "結果",
                className: "px-3 py-3",
                cell: (j) => (
                  <>
                    <span className={j.status === "failed" || j.status === "interrupted" ? "font-bold text-error-1" : j.status === "succeeded" ? "text-success-2" : ""}>{IMPORT_STATUS_LABELS[j.status]}</span>
                    {j.errorCount > 0 ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-blue-900 underline">エラー {number.format(j.errorCount)}件</summary>
                        <ul className="mt-2 flex max-w-xl flex-col gap-1 text-dns-14N-130">
                          {j.errors.map((e, i) => (
                            <li key={i}>{formatImportError(e)}</li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </>
                ),
              },
              ...(
                [
                  ["行数", "rowsTotal"],
                  ["追加", "rowsInserted"],
                  ["更新", "rowsUpdated"],
                  ["削除", "rowsRemoved"],
                ] as const
              ).map(([header, k]) => ({
                header,
                className: "px-3 py-3 text-right tabular-nums",
                cell: (j: (typeof page.jobs)[number]) => number.format(j[k]),
              })),
            ]}
          />
          <p className="text-std-16N-170 text-solid-gray-700">方法：{MODE_LABELS.full}／{MODE_LABELS.delta}</p>
        </section>
      ) : null}
    </div>
  );
}
