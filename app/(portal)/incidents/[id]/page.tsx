import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { formatJstDateTime } from "@/lib/jst";
import { INCIDENT_KIND_LABELS, INCIDENT_SEVERITY_LABELS, INCIDENT_STATUS_LABELS } from "@/lib/schemas/logs";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { buttonClassName } from "@/components/ui/button";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getIncident, type IncidentDetail } from "@/server/incidents/get-incident";
import { AffectedIssuances } from "./_components/affected-issuances";
import { IncidentActions } from "./_components/incident-actions";

export const metadata: Metadata = { title: "インシデントの詳細" };

const REPORT_LINKS = [
  ["pdf", "報告書（PDF）"],
  ["csv-utf8", "報告書（CSV・UTF-8）"],
  ["csv-sjis", "報告書（CSV・Shift_JIS）"],
] as const;

export default async function IncidentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(...rolesWith("incidents:read"));
  const { id } = await params;
  let d: IncidentDetail;
  try {
    d = await getIncident({ ctx: staff.ctx, input: { incidentId: id } });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  // Auditors read only; the verbs refuse them again.
  const mayAct = can(staff.role, "incidents:handle") && d.status !== "closed";
  // Issuances belong to a municipality: a platform incident lists none.
  const mayAdd = mayAct && d.municipality !== null;
  const mayVoid = can(staff.role, "issuances:void") && d.status !== "closed";

  const rows: Array<[string, ReactNode]> = [
    ["概要", d.summary],
    ["種別", INCIDENT_KIND_LABELS[d.kind]],
    ["重要度", INCIDENT_SEVERITY_LABELS[d.severity]],
    ["状態", INCIDENT_STATUS_LABELS[d.status]],
    ["自治体", d.municipality ? `${d.municipality.name}（${d.municipality.code}）` : "（自治体に属さない）"],
    [
      "発行番号",
      d.issuance ? (
        <Link key="i" href={`/issuances/${d.issuance.id}`} className={`${TEXT_LINK_CLASS} font-mono`}>
          {d.issuance.issuanceNo}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["発生日時", formatJstDateTime(d.openedAt)],
    ["対応開始", d.acknowledgedAt ? `${formatJstDateTime(d.acknowledgedAt)}（${d.acknowledgedBy}）` : "—"],
    ["クローズ", d.closedAt ? `${formatJstDateTime(d.closedAt)}（${d.closedBy}）` : "—"],
    ...(d.closeReason ? ([["クローズの理由", <span key="r" className="whitespace-pre-wrap">{d.closeReason}</span>]] as Array<[string, ReactNode]>) : []),
  ];

  return (
    <div className="flex flex-col gap-8">
      <p>
        <Link href="/incidents" className={TEXT_LINK_CLASS}>
          インシデントの一覧に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150 text-solid-gray-900">インシデントの詳細</h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr] desktop:p-6">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-bold text-solid-gray-900">{label}</dt>
            <dd className="min-w-0 break-words text-solid-gray-800">{value}</dd>
          </div>
        ))}
      </dl>

      {d.details.length ? (
        <section aria-labelledby="details-heading" className="flex flex-col gap-4">
          <h2 id="details-heading" className="text-std-24B-150 text-solid-gray-900">
            記録された情報
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-std-16N-170 desktop:grid-cols-[max-content_1fr]">
            {d.details.map((x) => (
              <div key={x.key} className="contents">
                <dt className="font-mono font-bold">{x.key}</dt>
                <dd className="min-w-0 break-all font-mono">{x.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {d.municipality ? (
        <section aria-labelledby="affected-heading" className="flex flex-col gap-4">
          <h2 id="affected-heading" className="text-std-24B-150 text-solid-gray-900">
            影響を受けた発行記録
          </h2>
          <AffectedIssuances incidentId={d.id} rows={d.affected} mayAdd={mayAdd} mayVoid={mayVoid} />
        </section>
      ) : null}

      <section aria-labelledby="report-heading" className="flex flex-col gap-4">
        <h2 id="report-heading" className="text-std-24B-150 text-solid-gray-900">
          報告書のダウンロード
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          都道府県への報告に使う報告書です。経過、影響を受けた発行記録と、それぞれに記載された事項（個人の情報そのものは含みません）をまとめます。ダウンロードは監査記録に残ります。
        </p>
        <ul className="flex flex-wrap gap-4">
          {REPORT_LINKS.map(([format, label]) => (
            <li key={format}>
              <a href={`/incidents/${d.id}/report?format=${format}`} className={buttonClassName({ variant: "outline" })} download>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </section>

      {mayAct ? (
        <section aria-labelledby="actions-heading" className="flex flex-col gap-4">
          <h2 id="actions-heading" className="text-std-24B-150 text-solid-gray-900">
            対応
          </h2>
          <IncidentActions incidentId={d.id} canAcknowledge={d.status === "open"} />
        </section>
      ) : null}
    </div>
  );
}
