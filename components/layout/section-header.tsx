import type { ReactNode } from "react";
import { SectionTabs } from "@/components/layout/section-tabs";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";

type Tab = { href: string; label: string };

/** A municipality as a section header names and offers it. */
type SectionTarget = { code: string; name: string };

/** What every section page hands its header: the tab it is on, its title and the municipality being looked at. */
export type SectionPageProps<Current extends string> = {
  current: Current;
  title: string;
  choosesMunicipality: boolean;
  municipalities: readonly SectionTarget[];
  target: SectionTarget | null;
};

type Props = {
  title: string;
  /** The line under the title: what is being looked at (municipality, month); omitted when null. */
  context: ReactNode;
  /** The area's sub-navigation; `query` keeps the filters when switching tabs. */
  tabs?: { label: string; items: readonly Tab[]; current: string; query: string };
  /** The operator's municipality chooser (`?municipality=CODE`); null for staff who always see their own. */
  chooser: { id: string; label: string; placeholder: string; municipalities: ReadonlyArray<{ code: string; name: string }>; selected: string | null } | null;
  /** Further filters in the same GET form, and the form's accessible name. */
  filters?: ReactNode;
  filtersLabel?: string;
};

/**
 * The heading of a portal area with sub-pages (service configuration, statistics): title, what is being looked
 * at, the tabs (if the area has several pages), and the filters kept in the URL (a GET form, so it works without
 * JavaScript).
 */
export function SectionHeader({ title, context, tabs, chooser, filters, filtersLabel }: Props) {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">{title}</h1>
        {context !== null ? <p className="text-std-16N-170 text-solid-gray-700">{context}</p> : null}
      </div>
      {tabs ? <SectionTabs label={tabs.label} tabs={tabs.items} current={tabs.current} query={tabs.query} /> : null}
      {chooser || filters ? (
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={filtersLabel}>
          {chooser ? (
            <SelectField
              id={chooser.id}
              label={chooser.label}
              name="municipality"
              defaultValue={chooser.selected ?? ""}
              placeholder={chooser.placeholder}
              options={chooser.municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
            />
          ) : null}
          {filters}
          <Button type="submit" variant="outline">
            表示
          </Button>
        </form>
      ) : null}
    </div>
  );
}
