import type { Metadata } from "next";
import { ActionButton } from "@/components/ui/action-button";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { STOP_SCOPE_LABELS } from "@/lib/schemas/service-config";
import { formatJstMinute, jstDateString } from "@/lib/jst";
import { getServiceConfig } from "@/server/service-config/get-service-config";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { cancelPlannedStopAction } from "../actions";
import { ServiceHeader } from "../_components/service-header";
import { StopForm } from "../_components/stop-form";

export const metadata: Metadata = { title: "計画停止" };

const STATE_LABELS = { scheduled: "予定", running: "停止中", ended: "終了" } as const;

export default async function StopsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/stops" title="計画停止" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const municipalityId = choosesMunicipality ? target.id : undefined;
  const config = await getServiceConfig({ ctx: staff.ctx, input: municipalityId ? { municipalityId } : {} });

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="stops-heading" className="flex flex-col gap-4">
        <h2 id="stops-heading" className="text-std-24B-150 text-solid-gray-900">予定・実施中の計画停止（過去30日を含む）</h2>
        {config.stops.length === 0 ? (
          <p className="text-std-16N-170">計画停止はありません。</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {config.stops.map((s) => (
              <li key={s.id} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
                <p className="text-std-16B-170">
                  {STATE_LABELS[s.state]}：{STOP_SCOPE_LABELS[s.scope]}　{formatJstMinute(s.startsAt)}〜{formatJstMinute(s.endsAt)}
                </p>
                <p className="whitespace-pre-wrap text-std-16N-170">{s.notice}</p>
                {canEdit && s.state !== "ended" ? (
                  <ActionButton
                    action={cancelPlannedStopAction}
                    input={{ municipalityId, stopId: s.id }}
                    label={s.state === "running" ? "今すぐ終了" : "取り消す"}
                    pendingLabel="処理しています…"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit ? (
        <section aria-labelledby="new-stop-heading" className="flex flex-col gap-4">
          <h2 id="new-stop-heading" className="text-std-24B-150 text-solid-gray-900">計画停止の登録</h2>
          <StopForm municipalityId={municipalityId} today={jstDateString(new Date())} />
        </section>
      ) : null}
    </div>
  );
}
