import type { Metadata } from "next";
import { formatJstTime } from "@/lib/jst";
import { DataTable } from "@/components/ui/data-table";
import { formatWareki } from "@/lib/wareki";
import { monthLabel } from "@/lib/months";
import { listMonthlyReports } from "@/server/reports/list-monthly-reports";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { statsMonth } from "../stats-filters";
import { GenerateReportForm } from "../_components/generate-report-form";
import { StatsHeader } from "../_components/stats-header";

export const metadata: Metadata = { title: "月次報告" };

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(params, { read: "stats:read", edit: "stats:edit" });
  const month = statsMonth(params);
  const reports = await listMonthlyReports({ ctx: staff.ctx, input: choosesMunicipality && target ? { municipalityId: target.id } : {} });

  return (
    <div className="flex flex-col gap-10">
      <StatsHeader current="/statistics/reports" title="月次報告" allowAll {...{ choosesMunicipality, municipalities, target, month }} />
      <p className="text-std-16N-170 text-solid-gray-800">
        毎月1日の午前1時30分（日本時間）に、前月分の月次報告（PDF・CSV）を自動で作成します。CSVはUTF-8（BOM付き）とShift_JISの2種類で、どちらもExcelでそのまま開けます。
      </p>
      {canEdit && (target || !choosesMunicipality) ? (
        <section aria-labelledby="generate-heading" className="flex flex-col gap-4">
          <h2 id="generate-heading" className="text-std-24B-150 text-solid-gray-900">
            月次報告の作成
          </h2>
          <GenerateReportForm municipalityId={choosesMunicipality ? target?.id : undefined} month={month} />
        </section>
      ) : null}
      <section aria-labelledby="list-heading" className="flex flex-col gap-4">
        <h2 id="list-heading" className="text-std-24B-150 text-solid-gray-900">
          作成済みの月次報告
        </h2>
        <DataTable
          label="作成済みの月次報告の表"
          caption="月次報告の対象月、自治体、作成日時、作成者、ダウンロード、SHA-256"
          headerClassName="whitespace-nowrap border-b border-solid-gray-420 px-3 py-2 text-dns-16B-130"
          rows={reports}
          rowKey={(r) => r.id}
          rowClassName="border-b border-solid-gray-200 align-top"
          empty={<p className="text-std-16N-170">作成済みの月次報告はありません。</p>}
          columns={[
            { header: "対象月", rowHeader: true, className: "whitespace-nowrap px-3 py-2 font-normal", cell: (r) => `${monthLabel(r.month)}分` },
            { header: "自治体", className: "px-3 py-2", cell: (r) => r.municipality.name },
            {
              header: "作成日時",
              className: "whitespace-nowrap px-3 py-2",
              cell: (r) => `${formatWareki(new Date(r.generatedAt))} ${formatJstTime(r.generatedAt)}`,
            },
            { header: "作成者", className: "px-3 py-2", cell: (r) => `${r.generatedByName}${r.trigger === "scheduled" ? "（定期）" : ""}` },
            {
              header: "ダウンロード",
              className: "px-3 py-2",
              cell: (r) => (
                <ul className="flex flex-col gap-1">
                  {(
                    [
                      ["pdf", "PDF", r.sizes.pdf],
                      ["csv-utf8", "CSV（UTF-8）", r.sizes.csvUtf8],
                      ["csv-sjis", "CSV（Shift_JIS）", r.sizes.csvSjis],
                    ] as const
                  ).map(([format, label, size]) => (
                    <li key={format}>
                      <a href={`/statistics/reports/${r.id}/${format}`} download className="text-blue-900 underline underline-offset-[calc(3/16*1rem)]">
                        {monthLabel(r.month)}分 {label}
                      </a>
                      <span className="ml-1 text-solid-gray-700">（{kb(size)}）</span>
                    </li>
                  ))}
                </ul>
              ),
            },
            { header: "SHA-256（PDF）", className: "px-3 py-2 font-mono text-dns-14N-130 break-all", cell: (r) => `${r.pdfSha256.slice(0, 16)}…` },
          ]}
        />
      </section>
    </div>
  );
}
