import { SectionHeader, type SectionPageProps } from "@/components/layout/section-header";
import { monthLabel } from "@/lib/months";
import { pageQuery } from "../stats-filters";

const TABS = [
  { href: "/statistics", label: "利用統計" },
  { href: "/statistics/reports", label: "月次報告" },
  { href: "/statistics/settlement", label: "精算・交付率" },
] as const;

type Props = SectionPageProps<(typeof TABS)[number]["href"]> & {
  month: string;
  /** Whether the operator may look at every municipality at once on this page. */
  allowAll: boolean;
};

/** The statistics pages' section header: their tabs and the filters (municipality for the operator, month). */
export function StatsHeader({ current, title, choosesMunicipality, municipalities, target, month, allowAll }: Props) {
  return (
    <SectionHeader
      title={title}
      context={`${target ? `${target.name}（団体コード ${target.code}）` : "すべての自治体"}・${monthLabel(month)}`}
      tabs={{ label: "利用統計のメニュー", items: TABS, current, query: pageQuery(target, month, choosesMunicipality) }}
      chooser={
        choosesMunicipality
          ? { id: "stats-municipality", label: "自治体", placeholder: allowAll ? "すべての自治体（比較）" : "選んでください", municipalities, selected: target?.code ?? null }
          : null
      }
      filtersLabel="表示条件"
      filters={
        <div className="flex flex-col gap-2">
          <label htmlFor="stats-month" className="text-std-17B-170 text-solid-gray-800">
            対象月
          </label>
          <input
            id="stats-month"
            name="month"
            type="month"
            defaultValue={month}
            required
            className="min-h-12 rounded-8 border border-solid-gray-600 bg-white px-4 py-2 text-std-16N-170"
          />
        </div>
      }
    />
  );
}
