import { SectionTabs } from "@/components/layout/section-tabs";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import type { TargetMunicipality } from "@/server/service-config/target-municipality";

const TABS = [
  { href: "/service/offerings", label: "提供する証明書" },
  { href: "/service/fees", label: "手数料" },
  { href: "/service/hours", label: "提供時間" },
  { href: "/service/stops", label: "計画停止" },
  { href: "/service/emergency", label: "緊急停止" },
  { href: "/service/calendar", label: "月間カレンダー" },
] as const;

type Props = {
  current: (typeof TABS)[number]["href"];
  title: string;
  choosesMunicipality: boolean;
  municipalities: TargetMunicipality[];
  target: TargetMunicipality | null;
  canEdit: boolean;
};

/** Heading, sub-navigation of the service pages, and (operator only) the municipality chooser. */
export function ServiceHeader({ current, title, choosesMunicipality, municipalities, target, canEdit }: Props) {
  const query = choosesMunicipality && target ? `?municipality=${target.code}` : "";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">{title}</h1>
        {target ? (
          <p className="text-std-16N-170 text-solid-gray-700">
            {target.name}（団体コード {target.code}）{canEdit ? "" : "・閲覧のみ（変更は自治体管理者が行います）"}
          </p>
        ) : null}
      </div>
      <SectionTabs label="サービス設定のメニュー" tabs={TABS} current={current} query={query} />
      {choosesMunicipality ? (
        <form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField
            id="municipality-chooser"
            label="設定する自治体"
            name="municipality"
            defaultValue={target?.code ?? ""}
            placeholder="選んでください"
            options={municipalities.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
          />
          <Button type="submit" variant="outline">
            表示
          </Button>
        </form>
      ) : null}
    </div>
  );
}
