import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { monthLabel } from "@/lib/months";
import { getUsageStatistics, type Totals } from "@/server/stats/get-usage-statistics";
import { getRefusalStatistics } from "@/server/refusals/get-refusal-statistics";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { statsMonth } from "./stats-filters";
import { StatsHeader } from "./_components/stats-header";
import { UsageChart } from "@/components/charts/usage-chart";

export const metadata: Metadata = { title: "利用統計" };

const number = new Intl.NumberFormat("ja-JP");
const ratio = (cur: number, base: number) => (base === 0 ? "—" : `${((cur / base) * 100).toFixed(1)}%`);

const TH = "whitespace-nowrap border-b border-solid-gray-420 px-3 py-2 text-dns-16B-130";
const TD = "px-3 py-2 text-right tabular-nums";

function CompareTable({ rows }: { rows: Array<{ label: string; t: Totals; base?: Totals }> }) {
  return (
    <DataTable
      label="前月・前年同月との比較の表"
      caption="当月・前月・前年同月の発行件数、通数、手数料と当月の比率"
      headerClassName={TH}
      rows={rows}
      rowKey={(r) => r.label}
      columns={[
        { header: "", rowHeader: true, className: "whitespace-nowrap px-3 py-2 font-normal", cell: (r) => r.label },
        { header: "発行件数", className: TD, cell: (r) => `${number.format(r.t.count)}件` },
        { header: "発行通数", className: TD, cell: (r) => `${number.format(r.t.copies)}通` },
        { header: "手数料", className: TD, cell: (r) => `${number.format(r.t.feeTotal)}円` },
        { header: "当月の比率（件数）", className: TD, cell: (r) => (r.base ? ratio(r.base.count, r.t.count) : "—") },
      ]}
    />
  );
}

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { staff, municipalities, target, choosesMunicipality } = await requireStaffTarget(params, { read: "stats:read", edit: "stats:edit" });
  const month = statsMonth(params);
  const stats = await getUsageStatistics({ ctx: staff.ctx, input: { month, ...(choosesMunicipality && target ? { municipalityId: target.id } : {}) } });
  const refusals = await getRefusalStatistics({ ctx: staff.ctx, input: { month, ...(choosesMunicipality && target ? { municipalityId: target.id } : {}) } });
  const cards: Array<[string, string]> = [
    ["発行件数", `${number.format(stats.totals.count)}件`],
    ["発行通数", `${number.format(stats.totals.copies)}通`],
    ["手数料収入", `${number.format(stats.totals.feeTotal)}円`],
    ["市区町村外での利用", ratio(stats.byResidence[1].count, stats.totals.count)],
  ];

  return (
    <div className="flex flex-col gap-10">
      <StatsHeader current="/statistics" title="利用統計" allowAll {...{ choosesMunicipality, municipalities, target, month }} />
      <p className="text-std-16N-170 text-solid-gray-800">印刷が完了した発行のみを集計しています（キャンセル・印刷失敗は含みません）。日・時間帯は印刷完了の日時（日本時間）です。</p>

      <section aria-labelledby="summary-heading" className="flex flex-col gap-4">
        <h2 id="summary-heading" className="text-std-24B-150 text-solid-gray-900">
          {monthLabel(month)}の概要
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {cards.map(([label, value]) => (
            <div key={label} className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
              <dt className="text-std-16B-170 text-solid-gray-700">{label}</dt>
              <dd className="text-std-28B-150 text-solid-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
        <CompareTable
          rows={[
            { label: `当月（${monthLabel(month)}）`, t: stats.totals },
            { label: `前月（${monthLabel(stats.previousMonth.month)}）`, t: stats.previousMonth, base: stats.totals },
            { label: `前年同月（${monthLabel(stats.sameMonthLastYear.month)}）`, t: stats.sameMonthLastYear, base: stats.totals },
          ]}
        />
      </section>

      {stats.comparison ? (
        <section aria-labelledby="comparison-heading" className="flex flex-col gap-4">
          <h2 id="comparison-heading" className="text-std-24B-150 text-solid-gray-900">
            自治体ごとの比較
          </h2>
          <DataTable
            label="自治体ごとの比較の表"
            caption="自治体ごとの当月の発行件数、通数、手数料、前月の発行件数、前月比、市区町村外での利用の割合"
            headerClassName={TH}
            rows={stats.comparison}
            rowKey={(c) => c.municipality.id}
            columns={[
              {
                header: "自治体",
                rowHeader: true,
                className: "px-3 py-2 font-normal",
                cell: (c) => (
                  <Link href={`/statistics?municipality=${c.municipality.code}&month=${month}`} className="text-blue-900 underline underline-offset-[calc(3/16*1rem)]">
                    {c.municipality.name}（{c.municipality.code}）
                  </Link>
                ),
              },
              { header: "発行件数", className: TD, cell: (c) => number.format(c.totals.count) },
              { header: "発行通数", className: TD, cell: (c) => number.format(c.totals.copies) },
              { header: "手数料", className: TD, cell: (c) => `${number.format(c.totals.feeTotal)}円` },
              { header: "前月の件数", className: TD, cell: (c) => number.format(c.previousMonth.count) },
              { header: "前月比", className: TD, cell: (c) => ratio(c.totals.count, c.previousMonth.count) },
              { header: "市区町村外", className: TD, cell: (c) => ratio(c.outOfTownCount, c.totals.count) },
            ]}
          />
        </section>
      ) : null}

      <UsageChart id="by-type" title="証明書の種類別" rows={stats.byType} layout="horizontal" />
      <UsageChart id="by-chain" title="コンビニチェーン別" rows={stats.byChain} layout="horizontal" />
      <UsageChart id="by-residence" title="住民・市区町村外の利用（端末の所在地による）" rows={stats.byResidence} layout="horizontal" />
      <UsageChart id="by-day" title="日別" rows={stats.byDay} />
      <UsageChart id="by-hour" title="時間帯別" rows={stats.byHour} />
      <UsageChart id="by-weekday" title="曜日別" rows={stats.byWeekday} />
      <UsageChart id="by-fee" title="手数料単価別（手数料の改定は別の行）" rows={stats.byFee.map((r) => ({ ...r, label: `${r.label}（${number.format(r.feePerCopy)}円）` }))} layout="horizontal" />

      <section aria-labelledby="refusals-heading" className="flex flex-col gap-4">
        <h2 id="refusals-heading" className="text-std-24B-150 text-solid-gray-900">
          キオスクでお断りした件数（{number.format(refusals.total)}件）
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          交付可否の照会で発行できなかった証明書の種類と、発行を断った要求を、理由別・日別（日本時間）に数えています。記録は一定期間（既定400日）で削除されます。
        </p>
        {refusals.total === 0 ? (
          <p className="text-std-16N-170 text-solid-gray-700">この月にお断りした記録はありません。</p>
        ) : (
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <DataTable
              label="お断りの理由別の表"
              caption="お断りの理由別の件数"
              headerClassName={TH}
              rows={refusals.byReason}
              rowKey={(r) => r.key}
              columns={[
                { header: "理由", rowHeader: true, className: "px-3 py-2 font-normal", cell: (r) => r.label },
                { header: "件数", className: TD, cell: (r) => `${number.format(r.count)}件` },
              ]}
            />
            <DataTable
              label="お断りの日別の表"
              caption="お断りの日別の件数"
              regionClassName="max-h-96 overflow-auto rounded-8 border border-solid-gray-420"
              headerClassName={TH}
              rows={refusals.byDay}
              rowKey={(r) => r.key}
              columns={[
                { header: "日", rowHeader: true, className: "px-3 py-2 font-normal", cell: (r) => r.label },
                { header: "件数", className: TD, cell: (r) => `${number.format(r.count)}件` },
              ]}
            />
          </div>
        )}
      </section>
    </div>
  );
}
