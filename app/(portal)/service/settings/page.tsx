import type { Metadata } from "next";
import Link from "next/link";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { formatJstDate, formatJstMinute, jstDateString } from "@/lib/jst";
import type { IssuanceSettingValues } from "@/lib/schemas/municipal-settings";
import { storeChainName } from "@/lib/store-chains";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { getMunicipalSettings, type SettingsVersionDto } from "@/server/municipal-settings/get-municipal-settings";
import { ServiceHeader } from "../_components/service-header";
import { cancelIssuanceSettingsAction, removeClosureDayAction } from "./actions";
import { ClosureDayForm } from "./_components/closure-day-form";
import { IssuanceSettingsForm } from "./_components/issuance-settings-form";
import { OperationalSettingsForm } from "./_components/operational-settings-form";

export const metadata: Metadata = { title: "自治体の設定" };

const yen = new Intl.NumberFormat("ja-JP");
const yesNo = (b: boolean) => (b ? "する" : "しない");

/** The issuance settings as lines of a table: label and the value shown. */
const ROWS: Array<{ label: string; value: (s: IssuanceSettingValues) => string }> = [
  { label: "転入・カード交付・暗証番号変更の当日の利用制限", value: (s) => (s.usableFromNextDay ? "当日は利用不可（翌日から利用可）" : "制限しない") },
  { label: "成年被後見人の方を対象外とする", value: (s) => yesNo(s.excludeAdultWards) },
  { label: "氏名欄", value: (s) => `1行${s.nameMaxLength}文字 × ${s.nameMaxLines}行` },
  { label: "住所欄", value: (s) => `1行${s.addressMaxLength}文字 × ${s.addressMaxLines}行` },
];

const summary = (s: IssuanceSettingValues) => ROWS.map((r) => `${r.label}：${r.value(s)}`).join("／");

export default async function MunicipalSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "settings:edit" });
  const header = <ServiceHeader current="/service/settings" title="自治体の設定" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const municipalityId = choosesMunicipality ? target.id : undefined;
  const now = new Date();
  const today = jstDateString(now);
  const s = await getMunicipalSettings({ ctx: staff.ctx, input: municipalityId ? { municipalityId } : {}, now });
  const settlementHref = `/statistics/settlement${choosesMunicipality ? `?municipality=${target.code}` : ""}`;
  const versionColumns = [
    { header: "適用開始", rowHeader: true, className: "whitespace-nowrap px-3 py-3 font-normal", cell: (v: SettingsVersionDto) => formatJstMinute(v.effectiveFrom) },
    { header: "設定内容", className: "px-3 py-3", cell: (v: SettingsVersionDto) => summary(v) },
  ];

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="in-force-heading" className="flex flex-col gap-4">
        <h2 id="in-force-heading" className="text-std-24B-150 text-solid-gray-900">証明書の発行に関わる設定（現在適用中）</h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          {s.inForce.effectiveFrom ? `${formatJstMinute(s.inForce.effectiveFrom)}から適用しています。` : "導入時の設定を適用しています。"}
          変更は適用開始日を指定して予約し、その日の0時（日本時間）から発行の判定に使われます。
        </p>
        <DataTable
          label="現在適用中の設定の表"
          rows={ROWS}
          rowKey={(r) => r.label}
          columns={[
            { header: "項目", rowHeader: true, className: "px-3 py-3 font-normal", cell: (r) => r.label },
            { header: "現在の値", className: "px-3 py-3", cell: (r) => r.value(s.inForce) },
          ]}
        />
      </section>

      <section aria-labelledby="scheduled-heading" className="flex flex-col gap-4">
        <h2 id="scheduled-heading" className="text-std-24B-150 text-solid-gray-900">予約済みの変更</h2>
        {s.scheduled.length === 0 ? (
          <p className="text-std-16N-170">予約済みの変更はありません。</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {s.scheduled.map((v) => (
              <li key={v.id} className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
                <p className="text-std-16B-170">{formatJstDate(v.effectiveFrom)}から適用</p>
                <ul className="list-disc pl-6 text-std-16N-170">
                  {ROWS.map((r) => (
                    <li key={r.label}>
                      {r.label}：{r.value(v)}
                    </li>
                  ))}
                </ul>
                {canEdit ? <ActionButton action={cancelIssuanceSettingsAction} input={{ municipalityId, versionId: v.id }} label="この予約を取り消す" pendingLabel="取り消しています…" /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="schedule-heading" className="flex flex-col gap-4">
          <h2 id="schedule-heading" className="text-std-24B-150 text-solid-gray-900">設定の変更を予約</h2>
          <p className="text-std-16N-170 text-solid-gray-800">
            すべての項目をまとめて予約します。氏名・住所が欄に収まらない方（必要な行数が設定を超える方）はコンビニ交付の対象外となり、窓口をご案内します。同じ日の予約があれば置き換えます。
          </p>
          <IssuanceSettingsForm municipalityId={municipalityId} current={s.scheduled.at(-1) ?? s.inForce} today={today} />
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="flex flex-col gap-4">
        <h2 id="history-heading" className="text-std-24B-150 text-solid-gray-900">適用済みの変更（新しい順、直近20件）</h2>
        <DataTable label="適用済みの変更の表" rows={s.history} rowKey={(v) => v.id} empty={<p className="text-std-16N-170">変更の履歴はありません。</p>} columns={versionColumns} />
      </section>

      <section aria-labelledby="operational-heading" className="flex flex-col gap-4">
        <h2 id="operational-heading" className="text-std-24B-150 text-solid-gray-900">運用の設定（保存した時点から適用）</h2>
        <DataTable
          label="運用の設定の表"
          rows={[
            { label: "PDFの保存時間", value: `${s.operational.pdfRetentionHours}時間` },
            { label: "利用登録の審査期限", value: `${s.operational.registrationReviewDays}開庁日` },
            { label: "年末年始（12月29日〜1月3日）の停止", value: yesNo(s.operational.yearEndClosure) },
          ]}
          rowKey={(r) => r.label}
          columns={[
            { header: "項目", rowHeader: true, className: "px-3 py-3 font-normal", cell: (r) => r.label },
            { header: "現在の値", className: "px-3 py-3", cell: (r) => r.value },
          ]}
        />
        {canEdit ? <OperationalSettingsForm municipalityId={municipalityId} current={s.operational} /> : null}
      </section>

      <section aria-labelledby="closure-heading" className="flex flex-col gap-4">
        <h2 id="closure-heading" className="text-std-24B-150 text-solid-gray-900">休止日（自治体独自）</h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          休止日はコンビニ交付を終日停止し、利用登録の審査期限の計算でも開庁日に数えません。過去90日以降の休止日を表示しています。
        </p>
        <DataTable
          label="休止日の表"
          rows={s.closureDays}
          rowKey={(c) => c.id}
          empty={<p className="text-std-16N-170">休止日は登録されていません。</p>}
          columns={[
            { header: "休止日", rowHeader: true, className: "whitespace-nowrap px-3 py-3 font-normal", cell: (c) => formatJstDate(new Date(`${c.day}T00:00:00+09:00`)) },
            { header: "理由", className: "px-3 py-3", cell: (c) => c.reason },
            {
              header: "操作",
              className: "px-3 py-3",
              cell: (c) => (canEdit && c.removable ? <ActionButton action={removeClosureDayAction} input={{ municipalityId, closureDayId: c.id }} label={`${c.day}の休止日を削除`} pendingLabel="削除しています…" /> : "—"),
            },
          ]}
        />
        {canEdit ? <ClosureDayForm municipalityId={municipalityId} today={today} /> : null}
      </section>

      <section aria-labelledby="commission-heading" className="flex flex-col gap-4">
        <h2 id="commission-heading" className="text-std-24B-150 text-solid-gray-900">委託手数料（1通あたり）</h2>
        <p className="text-std-16N-170 text-solid-gray-800">
          現在適用中の共通単価は{yen.format(s.commission.defaultRate)}円です。
          {s.commission.chainRates.length ? `チェーン別：${s.commission.chainRates.map((r) => `${storeChainName(r.storeChain)} ${yen.format(r.amount)}円（${r.effectiveFrom}から）`).join("、")}。` : ""}
          単価の登録と履歴は
          <Link href={settlementHref} className={TEXT_LINK_CLASS}>
            精算・交付率の画面
          </Link>
          で行います（適用開始日つき）。
        </p>
      </section>
    </div>
  );
}
