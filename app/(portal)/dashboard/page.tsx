import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { UsageChart } from "@/components/charts/usage-chart";
import { DataTable } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { monthLabel } from "@/lib/months";
import { ROLE_LABELS } from "@/lib/roles";
import { formatWareki } from "@/lib/wareki";
import { requireStaff } from "@/server/auth/require-staff";
import { getDashboardSummary, type DashboardCounts, type DashboardUsage } from "@/server/dashboard/get-dashboard-summary";

export const metadata: Metadata = { title: "ダッシュボード" };

const MUNICIPALITY_STATUS_LABELS = {
  preparing: "準備中",
  active: "稼働中",
  suspended: "停止中",
} as const;

// Display order and Japanese labels of the counts (same for the summary cards and the operator's table).
// Labels are split where a narrow table header may wrap (word-break: keep-all + <wbr>).
const COUNT_ITEMS: ReadonlyArray<{ key: keyof DashboardCounts; label: readonly string[]; unit: string }> = [
  { key: "activeResidents", label: ["住民数"], unit: "人" },
  { key: "households", label: ["世帯数"], unit: "世帯" },
  { key: "activeCardCertificates", label: ["有効な", "電子証明書"], unit: "件" },
  { key: "printedIssuancesToday", label: ["本日の発行", "（印刷完了）"], unit: "件" },
  { key: "openIncidents", label: ["未完了の", "インシデント"], unit: "件" },
];

function WrappableLabel({ parts }: { parts: readonly string[] }) {
  return parts.map((part, i) => (
    <Fragment key={part}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

const number = new Intl.NumberFormat("ja-JP");

/** This month so far and last month (通数・手数料), then the last 30 days as a chart with its table. */
function UsageSection({ usage, scopeLabel }: { usage: DashboardUsage; scopeLabel: string }) {
  const months = [
    { key: "this", title: `今月（${monthLabel(usage.thisMonth.month)}、本日まで）`, t: usage.thisMonth },
    { key: "last", title: `前月（${monthLabel(usage.lastMonth.month)}）`, t: usage.lastMonth },
  ];
  return (
    <>
      <section aria-labelledby="months-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <h2 id="months-heading" className="text-std-24B-150 text-solid-gray-900">
            今月・前月の発行（{scopeLabel}）
          </h2>
          <Link href="/statistics" className={`text-std-16N-170 ${TEXT_LINK_CLASS}`}>
            利用統計で詳しく見る
          </Link>
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {months.map((m) => (
            <section key={m.key} aria-labelledby={`month-${m.key}-heading`} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
              <h3 id={`month-${m.key}-heading`} className="text-std-16B-170 text-solid-gray-700">
                {m.title}
              </h3>
              <dl className="grid grid-cols-[max-content_1fr] items-baseline gap-x-4 gap-y-1">
                <dt className="text-std-16N-170 text-solid-gray-700">通数</dt>
                <dd className="text-std-28B-150 text-solid-gray-900" data-testid={`month-${m.key}-copies`}>
                  {number.format(m.t.copies)}
                  <span className="ml-1 text-std-16N-170 text-solid-gray-700">通</span>
                </dd>
                <dt className="text-std-16N-170 text-solid-gray-700">手数料</dt>
                <dd className="text-std-20B-150 text-solid-gray-900">
                  {number.format(m.t.feeTotal)}
                  <span className="ml-1 text-std-16N-170 text-solid-gray-700">円</span>
                </dd>
              </dl>
            </section>
          ))}
        </div>
      </section>
      <UsageChart id="last-30-days" title={`直近30日の発行件数（${scopeLabel}）`} rows={usage.last30Days} emptyText="発行の記録はまだありません。" />
    </>
  );
}

export default async function DashboardPage() {
  const staff = await requireStaff();
  const summary = await getDashboardSummary({ ctx: staff.ctx });

  return (
    <div className="flex flex-col gap-10">
      <h1 className="text-std-32B-150 text-solid-gray-900">ダッシュボード</h1>

      <section aria-labelledby="account-heading" className="flex flex-col gap-4">
        <h2 id="account-heading" className="text-std-24B-150 text-solid-gray-900">
          ログイン中の職員
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr]">
          <dt className="font-bold">氏名</dt>
          <dd>{staff.displayName}</dd>
          <dt className="font-bold">役割</dt>
          <dd>{ROLE_LABELS[staff.role]}</dd>
          <dt className="font-bold">所属</dt>
          <dd>
            {staff.municipality ? (
              <>
                {staff.municipality.prefecture} {staff.municipality.name}
                <span className="ml-2 text-solid-gray-700">（地方公共団体コード {staff.municipality.code}）</span>
              </>
            ) : (
              "運用事業者（全自治体）"
            )}
          </dd>
        </dl>
      </section>

      {summary.scope === "municipality" ? (
        <section aria-labelledby="summary-heading" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <h2 id="summary-heading" className="text-std-24B-150 text-solid-gray-900">
              {summary.municipality.name}の概況
            </h2>
            <p className="text-std-16N-170 text-solid-gray-700">
              {formatWareki(summary.day)}時点・{MUNICIPALITY_STATUS_LABELS[summary.municipality.status]}
            </p>
          </div>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {COUNT_ITEMS.map((item) => (
              <div key={item.key} className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
                <dt className="text-std-16B-170 text-solid-gray-700">{item.label.join("")}</dt>
                <dd className="text-std-28B-150 text-solid-gray-900">
                  {number.format(summary.counts[item.key])}
                  <span className="ml-1 text-std-16N-170 text-solid-gray-700">{item.unit}</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <UsageSection usage={summary.usage} scopeLabel={summary.scope === "municipality" ? summary.municipality.name : "全自治体の合計"} />

      {summary.scope === "operator" ? (
        <section aria-labelledby="municipalities-heading" className="flex flex-col gap-4">
          <h2 id="municipalities-heading" className="text-std-24B-150 text-solid-gray-900">
            自治体ごとの概況
          </h2>
          <p className="text-std-16N-170 text-solid-gray-700">
            {formatWareki(summary.day)}時点。自治体に属さない未完了のインシデント：
            {number.format(summary.platformOpenIncidents)}件
          </p>
          <DataTable
            label="自治体ごとの概況の表"
            caption="自治体ごとの住民数、世帯数、電子証明書数、本日の発行件数、未完了のインシデント数"
            rows={summary.municipalities}
            rowKey={(m) => m.id}
            rowClassName="border-b border-solid-gray-200 last:border-b-0"
            empty={<p className="text-std-16N-170">登録されている自治体はありません。</p>}
            columns={[
              { header: "団体コード", className: "px-3 py-3 font-mono tabular-nums", cell: (m) => m.code },
              { header: "自治体名", rowHeader: true, className: "whitespace-nowrap px-3 py-3 font-normal", cell: (m) => m.name },
              { header: "都道府県", className: "whitespace-nowrap px-3 py-3", cell: (m) => m.prefecture },
              { header: "状態", className: "whitespace-nowrap px-3 py-3", cell: (m) => MUNICIPALITY_STATUS_LABELS[m.status] },
              ...COUNT_ITEMS.map((item) => ({
                header: <WrappableLabel parts={item.label} />,
                headerClassName: "break-keep border-b border-solid-gray-420 px-3 py-3 text-right text-dns-16B-130",
                className: "px-3 py-3 text-right tabular-nums",
                cell: (m: (typeof summary.municipalities)[number]) => number.format(m.counts[item.key]),
              })),
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
