import type { Metadata } from "next";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { DataTable } from "@/components/ui/data-table";
import { addMonths, monthLabel } from "@/lib/months";
import { storeChainName } from "@/lib/store-chains";
import { getSettlement } from "@/server/settlement/get-settlement";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { statsMonth } from "../stats-filters";
import { CommissionRateForm, CounterCountForm } from "../_components/settlement-forms";
import { StatsHeader } from "../_components/stats-header";

export const metadata: Metadata = { title: "精算・交付率" };

const number = new Intl.NumberFormat("ja-JP");
const TH = "whitespace-nowrap border-b border-solid-gray-420 px-3 py-2 text-dns-16B-130";
const TD = "px-3 py-2 text-right tabular-nums";

export default async function SettlementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(params, { read: "stats:read", edit: "stats:edit" });
  const month = statsMonth(params);
  const header = <StatsHeader current="/statistics/settlement" title="精算・交付率" allowAll={false} {...{ choosesMunicipality, municipalities, target, month }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const s = await getSettlement({ ctx: staff.ctx, input: { month, ...(choosesMunicipality ? { municipalityId: target.id } : {}) } });

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="settlement-heading" className="flex flex-col gap-4">
        <h2 id="settlement-heading" className="text-std-24B-150 text-solid-gray-900">
          {monthLabel(month)}の精算（コンビニチェーン別）
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          委託手数料は印刷が完了した証明書1通ごとに、発行日に適用されている単価で計算します（チェーン別の単価がなければ共通の単価、どちらもなければ{number.format(s.defaultRate)}円）。
        </p>
        <DataTable
          label="精算の表"
          caption="コンビニチェーン別の発行件数、通数、手数料収入、委託手数料の単価と金額、差引"
          headerClassName={TH}
          rows={s.chains}
          rowKey={(c) => c.storeChain}
          columns={[
            { header: "コンビニチェーン", rowHeader: true, className: "px-3 py-2 font-normal", cell: (c) => storeChainName(c.storeChain) },
            { header: "発行件数", className: TD, cell: (c) => number.format(c.count) },
            { header: "発行通数", className: TD, cell: (c) => number.format(c.copies) },
            { header: "手数料収入", className: TD, cell: (c) => `${number.format(c.feeTotal)}円` },
            { header: "単価（1通）", className: TD, cell: (c) => c.rates.map((r) => `${number.format(r)}円`).join("・") },
            { header: "委託手数料", className: TD, cell: (c) => `${number.format(c.commission)}円` },
            { header: "差引", className: TD, cell: (c) => `${number.format(c.net)}円` },
          ]}
          footerRows={
            <tr className="bg-solid-gray-50 font-bold">
              <th scope="row" className="px-3 py-2">
                合計
              </th>
              <td className={TD}>{number.format(s.totals.count)}</td>
              <td className={TD}>{number.format(s.totals.copies)}</td>
              <td className={TD}>{number.format(s.totals.feeTotal)}円</td>
              <td className={TD}></td>
              <td className={TD}>{number.format(s.totals.commission)}円</td>
              <td className={TD}>{number.format(s.totals.net)}円</td>
            </tr>
          }
        />
      </section>

      <section aria-labelledby="share-heading" className="flex flex-col gap-4">
        <h2 id="share-heading" className="text-std-24B-150 text-solid-gray-900">
          コンビニ交付率
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          {[
            ["コンビニ交付", `${number.format(s.totals.copies)}通`],
            ["窓口交付", s.counterCopies === null ? "未入力" : `${number.format(s.counterCopies)}通`],
            ["コンビニ交付率", s.kioskShare === null ? "—" : `${(s.kioskShare * 100).toFixed(1)}%`],
          ].map(([label, value]) => (
            <div key={label} className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
              <dt className="text-std-16B-170 text-solid-gray-700">{label}</dt>
              <dd className="text-std-28B-150 text-solid-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
        {canEdit ? <CounterCountForm municipalityId={choosesMunicipality ? target.id : undefined} month={month} copies={s.counterCopies} /> : null}
      </section>

      <section aria-labelledby="rates-heading" className="flex flex-col gap-4">
        <h2 id="rates-heading" className="text-std-24B-150 text-solid-gray-900">
          委託手数料の単価
        </h2>
        <DataTable
          label="委託手数料の単価の表"
          headerClassName={TH}
          rows={s.rateHistory}
          rowKey={(r) => r.id}
          empty={<p className="text-std-16N-170">登録された単価はありません（{number.format(s.defaultRate)}円を適用）。</p>}
          columns={[
            { header: "適用開始日", rowHeader: true, className: "whitespace-nowrap px-3 py-2 font-normal", cell: (r) => r.effectiveFrom },
            { header: "コンビニチェーン", className: "px-3 py-2", cell: (r) => (r.storeChain ? storeChainName(r.storeChain) : "共通（チェーン別の設定がないチェーン）") },
            { header: "単価（1通）", className: TD, cell: (r) => `${number.format(r.amount)}円` },
            { header: "備考", className: "px-3 py-2", cell: (r) => r.note ?? "" },
          ]}
        />
        {canEdit ? <CommissionRateForm municipalityId={choosesMunicipality ? target.id : undefined} firstOfNextMonth={`${addMonths(month, 1)}-01`} /> : null}
      </section>
    </div>
  );
}
