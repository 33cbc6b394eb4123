import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDate, formatJstMinute, jstMidnight } from "@/lib/jst";
import { DAY_CLASSES, DAY_CLASS_LABELS, STOP_SCOPE_LABELS, minuteToHhmm } from "@/lib/schemas/service-config";
import { getMunicipalityPage, type PublicCertificate } from "@/server/public/get-municipality-page";

export const dynamic = "force-dynamic";

// The public page of one municipality (/m/<code>): what a resident checks before going to the store. No sign-in
// (the (public) group has no staff layout; proxy.ts authorizes nothing). Only published facts, read by one verb
// (server/public/get-municipality-page.ts); a preparing or unknown code is the same 404. Not rate limited: it is a
// few indexed reads of public facts, writes nothing, and a per-visitor counter would cost a write per view.

// One read per request for the metadata and the page, at the server's clock.
const load = cache((code: string) => getMunicipalityPage({ code, now: new Date() }));

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = await load((await params).code);
  return { title: { absolute: page ? `${page.municipality.prefecture}${page.municipality.name}のコンビニ交付 | コンビニ交付` : "ページが見つかりません | コンビニ交付" } };
}

const yenFormat = new Intl.NumberFormat("ja-JP");
const yen = (amount: number) => `${yenFormat.format(amount)}円`;

function hoursText(windows: PublicCertificate["hours"][keyof PublicCertificate["hours"]]): string {
  return windows.length ? windows.map((w) => `${minuteToHhmm(w.startMinute)}〜${minuteToHhmm(w.endMinute)}`).join("、") : "利用できません";
}

export default async function MunicipalityPage({ params }: Params) {
  const page = await load((await params).code);
  if (!page) notFound();
  const { municipality: m, certificates, stops, emergencyStops, yearEndClosure, closureDays, registrationIntake } = page;
  const fullName = `${m.prefecture}${m.name}`;

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-3">
        <h1 className="text-std-32B-150 text-solid-gray-900">{fullName}のコンビニ交付</h1>
        <p className="text-std-16N-170">
          マイナンバーカードを使って、全国のコンビニエンスストアなどのマルチコピー機で{m.name}の証明書を取得できます。
          お出かけの前に、取得できる証明書、手数料、利用できる時間、停止のお知らせをご確認ください。
        </p>
      </div>

      {emergencyStops.length ? (
        <Alert variant="error" title="現在、サービスを一時停止しています">
          <ul className="flex flex-col gap-1">
            {emergencyStops.map((e) => (
              <li key={`${e.certificateType ?? "all"}-${e.startedAt.toISOString()}`}>
                {e.certificateType ? CERTIFICATE_NAMES[e.certificateType] : "すべての証明書"}：{e.reason}（{formatJstMinute(e.startedAt)}から）
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <section aria-labelledby="notices-heading" className="flex flex-col gap-4">
        <h2 id="notices-heading" className="text-std-24B-150 text-solid-gray-900">
          停止のお知らせ
        </h2>
        {stops.length === 0 ? (
          <p className="text-std-16N-170">予定されている停止はありません。</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {stops.map((s) => (
              <li key={`${s.scope}-${s.startsAt.toISOString()}`} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
                <p className="text-std-16B-170">
                  {s.inForce ? "停止中" : "予定"}：{STOP_SCOPE_LABELS[s.scope]}　{formatJstMinute(s.startsAt)}〜{formatJstMinute(s.endsAt)}
                </p>
                <p className="whitespace-pre-wrap text-std-16N-170">{s.notice}</p>
              </li>
            ))}
          </ul>
        )}
        {closureDays.length > 0 ? (
          <ul className="flex flex-col gap-3" aria-label="休止日">
            {closureDays.map((c) => (
              <li key={c.day} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
                <p className="text-std-16B-170">休止日：{formatJstDate(jstMidnight(c.day))}　終日</p>
                <p className="whitespace-pre-wrap text-std-16N-170">{c.reason}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="text-std-16N-170">
          {yearEndClosure ? "12月29日から1月3日までは、サービスを停止しています。" : "12月29日から1月3日の間も、通常の利用時間でご利用いただけます。"}
        </p>
      </section>

      <section aria-labelledby="fees-heading" className="flex flex-col gap-4">
        <h2 id="fees-heading" className="text-std-24B-150 text-solid-gray-900">
          取得できる証明書と手数料
        </h2>
        <DataTable
          label="手数料の一覧"
          caption={`${fullName}でコンビニ交付により取得できる証明書と1通あたりの手数料`}
          rows={certificates}
          rowKey={(c) => c.type}
          empty={<p className="text-std-16N-170">現在、コンビニ交付で取得できる証明書はありません。</p>}
          columns={[
            { header: "証明書", rowHeader: true, cell: (c) => c.name, className: "px-3 py-3 align-top font-normal" },
            { header: "手数料（1通）", cell: (c) => (c.fee === null ? "取扱い準備中" : yen(c.fee)), className: "px-3 py-3 align-top tabular-nums" },
            {
              header: "手数料の改定",
              cell: (c) => (c.nextFee ? `${formatJstDate(c.nextFee.from)}から ${yen(c.nextFee.amount)}` : "—"),
              className: "px-3 py-3 align-top",
            },
          ]}
        />
      </section>

      <section aria-labelledby="hours-heading" className="flex flex-col gap-4">
        <h2 id="hours-heading" className="text-std-24B-150 text-solid-gray-900">
          利用できる時間
        </h2>
        <DataTable
          label="利用できる時間の一覧"
          caption="証明書ごと、曜日ごとの利用できる時間（祝日には振替休日を含みます）"
          rows={certificates}
          rowKey={(c) => c.type}
          columns={[
            { header: "証明書", rowHeader: true, cell: (c) => c.name, className: "px-3 py-3 align-top font-normal" },
            ...DAY_CLASSES.map((d) => ({ header: DAY_CLASS_LABELS[d], cell: (c: PublicCertificate) => hoursText(c.hours[d]), className: "px-3 py-3 align-top tabular-nums" })),
          ]}
        />
        <p className="text-std-16N-170">祝日には振替休日を含みます。停止のお知らせにある日時は利用できません。</p>
      </section>

      <section aria-labelledby="registration-heading" className="flex flex-col gap-4">
        <h2 id="registration-heading" className="text-std-24B-150 text-solid-gray-900">
          本籍地の利用登録
        </h2>
        <p className="text-std-16N-170">
          {m.name}以外にお住まいで、本籍が{m.name}にある方が戸籍証明書・戸籍の附票の写しを取得するには、事前に{m.name}への利用登録が必要です。
        </p>
        {registrationIntake.accepted ? (
          <p className="text-std-16N-170" data-testid="registration-intake">
            利用登録の申請を受け付けています。
            <Link href="/koseki-registration" className={TEXT_LINK_CLASS}>
              利用登録（事前登録）はこちら
            </Link>
          </p>
        ) : (
          <div className="flex flex-col gap-2" data-testid="registration-intake">
            <p className="text-std-16B-170">現在、利用登録の申請の受付を停止しています。</p>
            {registrationIntake.notice ? <p className="whitespace-pre-wrap text-std-16N-170">{registrationIntake.notice}</p> : null}
          </div>
        )}
      </section>
    </div>
  );
}
