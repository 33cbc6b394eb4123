import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { FEED_LABELS, formatImportError, IMPORT_STATUS_LABELS, MODE_LABELS, SOURCE_LABELS } from "@/lib/import-feeds";
import { can } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listImportJobs } from "@/server/imports/list-import-jobs";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "データ取込" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const number = new Intl.NumberFormat("ja-JP");
const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

export default async function ImportsPage({ searchParams }: Props) {
  const staff = await requireStaff("municipal_admin", "operator");
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
          {page.jobs.length === 0 ? (
            <p className="text-std-16N-170">まだ取込はありません。</p>
          ) : (
            <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label="最近の取込の表" tabIndex={0}>
              <table className="w-full border-collapse text-left text-dns-16N-130">
                <caption className="sr-only">最近の取込の日時、データ、方法、経路、ファイル、結果と件数</caption>
                <thead className="bg-solid-gray-50">
                  <tr>
                    {["日時", "データ", "方法", "経路", "ファイル", "結果", "行数", "追加", "更新", "削除"].map((h) => (
                      <th key={h} scope="col" className="whitespace-nowrap border-b border-solid-gray-420 px-3 py-3 text-dns-16B-130">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.jobs.map((j) => (
                    <tr key={j.jobId} className="border-b border-solid-gray-200 align-top last:border-b-0">
                      <td className="whitespace-nowrap px-3 py-3 tabular-nums">{dateTime.format(new Date(j.createdAt))}</td>
                      <th scope="row" className="px-3 py-3 font-normal">
                        {FEED_LABELS[j.feed]}
                      </th>
                      <td className="whitespace-nowrap px-3 py-3">{j.mode === "full" ? "全件" : "差分"}</td>
                      <td className="whitespace-nowrap px-3 py-3">{SOURCE_LABELS[j.source as keyof typeof SOURCE_LABELS] ?? j.source}</td>
                      <td className="max-w-48 break-all px-3 py-3">{j.fileName ?? "—"}</td>
                      <td className="px-3 py-3">
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
                      </td>
                      {[j.rowsTotal, j.rowsInserted, j.rowsUpdated, j.rowsRemoved].map((n, i) => (
                        <td key={i} className="px-3 py-3 text-right tabular-nums">
                          {number.format(n)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="text-std-16N-170 text-solid-gray-700">方法：{MODE_LABELS.full}／{MODE_LABELS.delta}</p>
        </section>
      ) : null}
    </div>
  );
}
