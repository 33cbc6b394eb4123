import type { Metadata } from "next";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { DataTable } from "@/components/ui/data-table";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDate, jstDateString } from "@/lib/jst";
import { FEE_KIND_LABELS } from "@/lib/schemas/service-config";
import { listFees } from "@/server/service-config/list-fees";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { FeeForm } from "../_components/fee-form";
import { ServiceHeader } from "../_components/service-header";

export const metadata: Metadata = { title: "手数料" };

const STATUS_LABELS = { in_force: "適用中", scheduled: "予定", overridden: "キャンペーン優先", ended: "終了" } as const;
const yen = new Intl.NumberFormat("ja-JP");

export default async function FeesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/fees" title="手数料" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const now = new Date();
  const fees = await listFees({ ctx: staff.ctx, input: choosesMunicipality ? { municipalityId: target.id } : {}, now });
  const tomorrow = jstDateString(new Date(now.getTime() + 24 * 3600_000));

  return (
    <div className="flex flex-col gap-10">
      {header}
      {canEdit ? (
        <section aria-labelledby="schedule-heading" className="flex flex-col gap-4">
          <h2 id="schedule-heading" className="text-std-24B-150 text-solid-gray-900">手数料の予約</h2>
          <p className="text-std-16N-170 text-solid-gray-800">
            手数料は翌日以降の0時（日本時間）から切り替わります。登録済みの手数料は変更できません。キャンペーン期間中はキャンペーン手数料が優先されます。
          </p>
          <FeeForm municipalityId={choosesMunicipality ? target.id : undefined} tomorrow={tomorrow} />
        </section>
      ) : null}
      <section aria-labelledby="fees-heading" className="flex flex-col gap-4">
        <h2 id="fees-heading" className="text-std-24B-150 text-solid-gray-900">手数料の一覧</h2>
        <DataTable
          label="手数料の一覧の表"
          rows={fees}
          rowKey={(f) => f.id}
          empty={<p className="text-std-16N-170">登録されている手数料はありません。</p>}
          columns={[
            { header: "証明書", rowHeader: true, className: "px-3 py-3 font-normal", cell: (f) => CERTIFICATE_NAMES[f.certificateType] },
            { header: "区分", className: "px-3 py-3", cell: (f) => FEE_KIND_LABELS[f.kind] },
            { header: "金額", className: "px-3 py-3 text-right tabular-nums", cell: (f) => `${yen.format(f.amount)}円` },
            { header: "適用開始", className: "whitespace-nowrap px-3 py-3", cell: (f) => formatJstDate(f.effectiveFrom) },
            // The stored end is exclusive (00:00 of the next day): show the last day.
            { header: "適用終了", className: "whitespace-nowrap px-3 py-3", cell: (f) => (f.effectiveUntil ? `${formatJstDate(new Date(f.effectiveUntil.getTime() - 1))}まで` : "—") },
            { header: "状態", className: (f) => `whitespace-nowrap px-3 py-3 ${f.status === "in_force" ? "font-bold" : ""}`, cell: (f) => STATUS_LABELS[f.status] },
            { header: "備考", className: "px-3 py-3", cell: (f) => f.note ?? "" },
          ]}
        />
      </section>
    </div>
  );
}
