import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { buttonClassName } from "@/components/ui/button";
import { MUNICIPALITY_KIND_LABELS, MUNICIPALITY_STATUS_LABELS } from "@/lib/schemas/municipality";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listMunicipalities } from "@/server/municipalities/list-municipalities";

export const metadata: Metadata = { title: "自治体の管理" };

export default async function MunicipalitiesPage() {
  const staff = await requireStaff(...rolesWith("municipalities:manage"));
  const municipalities = await listMunicipalities({ ctx: staff.ctx });

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-std-32B-150 text-solid-gray-900">自治体の管理</h1>
        <Link href="/municipalities/new" className={buttonClassName({ variant: "solid" })}>
          自治体を登録する
        </Link>
      </div>
      <DataTable
        label="自治体の一覧"
        caption="登録されている自治体の団体コード、名称、都道府県、区分、状態、公印の有無"
        rows={municipalities}
        rowKey={(m) => m.id}
        rowClassName="border-b border-solid-gray-200 last:border-b-0"
        empty={<p className="text-std-16N-170">登録されている自治体はありません。</p>}
        columns={[
          { header: "団体コード", className: "px-3 py-3 font-mono tabular-nums", cell: (m) => m.code },
          {
            header: "自治体名",
            rowHeader: true,
            className: "whitespace-nowrap px-3 py-3 font-normal",
            cell: (m) => (
              <Link href={`/municipalities/${m.code}`} className={TEXT_LINK_CLASS}>
                {m.name}
              </Link>
            ),
          },
          { header: "都道府県", className: "whitespace-nowrap px-3 py-3", cell: (m) => m.prefecture },
          { header: "区分", className: "px-3 py-3", cell: (m) => MUNICIPALITY_KIND_LABELS[m.kind] },
          { header: "状態", className: "whitespace-nowrap px-3 py-3", cell: (m) => MUNICIPALITY_STATUS_LABELS[m.status] },
          { header: "公印", className: "whitespace-nowrap px-3 py-3", cell: (m) => (m.hasSeal ? "登録済み" : "未登録") },
        ]}
      />
    </div>
  );
}
