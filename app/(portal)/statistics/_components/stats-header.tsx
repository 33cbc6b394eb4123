import { SectionTabs } from "@/components/layout/section-tabs";
import { Button } from "@/components/ui/button";
import type { TargetMunicipality } from "@/server/service-config/target-municipality";
import { monthLabel } from "@/lib/months";
import { pageQuery } from "../stats-filters";
import { SelectField } from "@/components/ui/select-field";

const TABS = [
  { href: "/statistics", label: "利用統計" },
  { href: "/statistics/reports", label: "月次報告" },
  { href: "/statistics/settlement", label: "精算・交付率" },
] as const;

type Props = {
  current: (typeof TABS)[number]["href"];
  title: string;
  choosesMunicipality: boolean;
  municipalities: TargetMunicipality[];
  target: TargetMunicipality | null;
  month: string;
  /** Whether the operator may look at every municipality at once on this page. */
  allowAll: boolean;
};

/** Heading, sub-navigation and the filters (kept in the URL: a GET form). */
export function StatsHeader({ current, title, choosesMunicipality, municipalities, target, month, allowAll }: Props) {
  const query = pageQuery(target, month, choosesMunicipality);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">{title}</h1>
        <p className="text-std-16N-170 text-solid-gray-700">
          {target ? `${target.name}（団体コード ${target.code}）` : "すべての自治体"}・{monthLabel(month)}
        </p>
      </div>
      <SectionTabs label="利用統計のメニュー" tabs={TABS} current={current} query={query} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="表示条件">
        {choosesMunicipality ? (
          <SelectField
            id="stats-municipality"
            label="自治体"
            name="municipality"
            defaultValue={target?.code ?? ""}
            placeholder={allowAll ? "すべての自治体（比較）" : "選んでください"}
            options={municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
          />
        ) : null}
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
        <Button type="submit" variant="outline">
          表示
        </Button>
      </form>
    </div>
  );
}
