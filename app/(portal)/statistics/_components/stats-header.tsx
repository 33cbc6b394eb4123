import { SectionHeader, type SectionPageProps } from "@/components/layout/section-header";
import { MonthField } from "@/components/form/date-fields";
import { yearsAround } from "@/lib/date-fields";
import { monthLabel, monthOf } from "@/lib/months";
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
      // A server component: the years offered end at this JST year by the server's clock.
      filters={<MonthField id="stats-month" label="対象月" name="month" defaultValue={month} years={yearsAround(monthOf(new Date()), 5, 0)} />}
    />
  );
}
