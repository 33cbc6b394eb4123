import { SectionHeader, type SectionPageProps } from "@/components/layout/section-header";

const TABS = [
  { href: "/service/offerings", label: "提供する証明書" },
  { href: "/service/fees", label: "手数料" },
  { href: "/service/hours", label: "提供時間" },
  { href: "/service/stops", label: "計画停止" },
  { href: "/service/emergency", label: "緊急停止" },
  { href: "/service/calendar", label: "月間カレンダー" },
  { href: "/service/settings", label: "自治体の設定" },
] as const;

type Props = SectionPageProps<(typeof TABS)[number]["href"]> & { canEdit: boolean };

/** The service pages' section header: their tabs and (operator only) the municipality chooser. */
export function ServiceHeader({ current, title, choosesMunicipality, municipalities, target, canEdit }: Props) {
  return (
    <SectionHeader
      title={title}
      context={target ? `${target.name}（団体コード ${target.code}）${canEdit ? "" : "・閲覧のみ（変更は自治体管理者が行います）"}` : null}
      tabs={{ label: "サービス設定のメニュー", items: TABS, current, query: choosesMunicipality && target ? `?municipality=${target.code}` : "" }}
      chooser={choosesMunicipality ? { id: "municipality-chooser", label: "設定する自治体", placeholder: "選んでください", municipalities, selected: target?.code ?? null } : null}
    />
  );
}
