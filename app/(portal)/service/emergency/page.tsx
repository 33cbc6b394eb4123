import type { Metadata } from "next";
import { ActionButton } from "@/components/ui/action-button";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstMinute } from "@/lib/jst";
import { getServiceConfig } from "@/server/service-config/get-service-config";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { endEmergencyStopAction } from "../actions";
import { EmergencyForm } from "../_components/emergency-form";
import { ServiceHeader } from "../_components/service-header";

export const metadata: Metadata = { title: "緊急停止" };

export default async function EmergencyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/emergency" title="緊急停止" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const municipalityId = choosesMunicipality ? target.id : undefined;
  const config = await getServiceConfig({ ctx: staff.ctx, input: municipalityId ? { municipalityId } : {} });
  const active = config.emergencyStops.filter((e) => e.endedAt === null);
  const ended = config.emergencyStops.filter((e) => e.endedAt !== null);
  const typeName = (t: keyof typeof CERTIFICATE_NAMES | null) => (t ? CERTIFICATE_NAMES[t] : "すべての証明書");

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="active-heading" className="flex flex-col gap-4">
        <h2 id="active-heading" className="text-std-24B-150 text-solid-gray-900">実施中の緊急停止</h2>
        {active.length === 0 ? (
          <p className="text-std-16N-170">実施中の緊急停止はありません。</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {active.map((e) => (
              <li key={e.id} className="flex flex-col gap-2 rounded-8 border-2 border-error-1 p-4">
                <p className="text-std-16B-170">
                  停止中：{typeName(e.certificateType)}（{formatJstMinute(e.startedAt)}から）
                </p>
                <p className="text-std-16N-170">理由：{e.reason}</p>
                {canEdit ? (
                  <ActionButton action={endEmergencyStopAction} input={{ municipalityId, emergencyStopId: e.id }} label="緊急停止を終了" pendingLabel="終了しています…" />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit ? (
        <section aria-labelledby="start-heading" className="flex flex-col gap-4">
          <h2 id="start-heading" className="text-std-24B-150 text-solid-gray-900">緊急停止の開始</h2>
          <p className="text-std-16N-170 text-solid-gray-800">開始するとすぐにコンビニでの発行が停止され、インシデントが記録されます。終了するまで停止が続きます。</p>
          <EmergencyForm municipalityId={municipalityId} />
        </section>
      ) : null}
      {ended.length ? (
        <section aria-labelledby="ended-heading" className="flex flex-col gap-4">
          <h2 id="ended-heading" className="text-std-24B-150 text-solid-gray-900">終了した緊急停止（過去30日）</h2>
          <ul className="flex flex-col gap-2 text-std-16N-170">
            {ended.map((e) => (
              <li key={e.id}>
                {typeName(e.certificateType)}：{formatJstMinute(e.startedAt)}〜{formatJstMinute(e.endedAt!)}（{e.reason}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
