import type { Metadata } from "next";
import { ActionButton } from "@/components/ui/action-button";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { DataTable } from "@/components/ui/data-table";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { DAY_CLASS_LABELS, minuteToHhmm } from "@/lib/schemas/service-config";
import { getServiceConfig } from "@/server/service-config/get-service-config";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { clearServiceWindowsAction } from "../actions";
import { ServiceHeader } from "../_components/service-header";
import { WindowForm } from "../_components/window-form";

export const metadata: Metadata = { title: "提供時間" };

export default async function HoursPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/hours" title="提供時間" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const municipalityId = choosesMunicipality ? target.id : undefined;
  const config = await getServiceConfig({ ctx: staff.ctx, input: municipalityId ? { municipalityId } : {} });

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="windows-heading" className="flex flex-col gap-4">
        <h2 id="windows-heading" className="text-std-24B-150 text-solid-gray-900">設定済みの提供時間</h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          設定がない場合は毎日6時30分〜23時に提供します（12月29日〜1月3日を除く）。証明書ごとの設定がある場合はそれが優先され、その証明書は設定のない曜日区分には提供されません。
        </p>
        <DataTable
          label="設定済みの提供時間の表"
          headerClassName="border-b border-solid-gray-420 px-3 py-3 text-dns-16B-130"
          rows={config.windows}
          rowKey={(w) => w.id}
          empty={<p className="text-std-16N-170">個別の設定はありません（6時30分〜23時）。</p>}
          columns={[
            { header: "証明書", rowHeader: true, className: "px-3 py-3 font-normal", cell: (w) => (w.certificateType ? CERTIFICATE_NAMES[w.certificateType] : "すべての証明書") },
            { header: "曜日区分", className: "px-3 py-3", cell: (w) => DAY_CLASS_LABELS[w.dayClass] },
            { header: "時間", className: "px-3 py-3 tabular-nums", cell: (w) => `${minuteToHhmm(w.startMinute)}〜${minuteToHhmm(w.endMinute)}` },
            canEdit && {
              header: "操作",
              className: "px-3 py-3",
              cell: (w) => (
                <ActionButton
                  action={clearServiceWindowsAction}
                  input={{ municipalityId, certificateType: w.certificateType ?? "all", dayClass: w.dayClass }}
                  label="設定を削除"
                  pendingLabel="削除しています…"
                />
              ),
            },
          ]}
        />
      </section>
      {canEdit ? (
        <section aria-labelledby="set-heading" className="flex flex-col gap-4">
          <h2 id="set-heading" className="text-std-24B-150 text-solid-gray-900">提供時間の設定</h2>
          <WindowForm municipalityId={municipalityId} />
        </section>
      ) : null}
    </div>
  );
}
