import type { Metadata } from "next";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { SectionHeader } from "@/components/layout/section-header";
import { DataTable } from "@/components/ui/data-table";
import { formatJstDate, formatJstMinute, jstDateString, jstMidnight } from "@/lib/jst";
import { HISTORY_START_DAY } from "@/lib/schemas/mayor-and-seal";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { listMayorAndSealHistory, type HistoryStatus } from "@/server/mayor-and-seal/list-mayor-and-seal-history";
import { MayorTermForm } from "./_components/mayor-term-form";
import { SealUploadForm } from "./_components/seal-upload-form";

export const metadata: Metadata = { title: "市区町村長と公印" };

const STATUS_LABELS: Record<HistoryStatus, string> = { in_force: "適用中", scheduled: "予定", ended: "終了" };

/** 「2026年12月1日から」「2026年12月1日〜2027年3月31日」; the backfilled first entry reads 「当初から」. */
function range(from: string, until: string | null): string {
  const start = from === HISTORY_START_DAY ? "当初" : formatJstDate(jstMidnight(from));
  return until ? `${start}〜${formatJstDate(jstMidnight(until))}` : `${start}から`;
}

export default async function MayorAndSealPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "mayor-and-seal:record" });
  const header = (
    <SectionHeader
      title="市区町村長と公印"
      context={target ? `${target.name}（団体コード ${target.code}）${canEdit ? "" : "・閲覧のみ（登録は自治体管理者が行います）"}` : null}
      chooser={choosesMunicipality ? { id: "municipality-chooser", label: "表示する自治体", placeholder: "選んでください", municipalities, selected: target?.code ?? null } : null}
    />
  );
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const now = new Date();
  const today = jstDateString(now);
  const history = await listMayorAndSealHistory({ ctx: staff.ctx, input: choosesMunicipality ? { municipalityId: target.id } : {}, now });
  const forOperator = choosesMunicipality ? target.id : undefined;

  return (
    <div className="flex flex-col gap-10">
      {header}
      <p className="text-std-16N-170 text-solid-gray-800">
        本日の証明書に印字される市区町村長：{history.printedToday.mayorTitle}　{history.printedToday.mayorName}
      </p>
      <p className="max-w-3xl text-std-16N-170 text-solid-gray-800">
        証明書には、発行日（見本は表示日）に適用されている市区町村長の職名・氏名と公印が印字されます。登録した内容は変更・削除できません。誤りは、同じ日以降の新しい登録で訂正してください。
      </p>

      <section aria-labelledby="mayors-heading" className="flex flex-col gap-4">
        <h2 id="mayors-heading" className="text-std-24B-150 text-solid-gray-900">市区町村長の履歴</h2>
        <DataTable
          label="市区町村長の履歴の表"
          rows={history.mayors}
          rowKey={(m) => m.id}
          empty={<p className="text-std-16N-170">履歴はまだありません。現在は自治体の基本情報の職名・氏名が印字されます。</p>}
          columns={[
            { header: "適用期間", rowHeader: true, className: "whitespace-nowrap px-3 py-3 font-normal", cell: (m) => range(m.effectiveFrom, m.effectiveUntil) },
            { header: "職名", className: "px-3 py-3", cell: (m) => m.mayorTitle },
            { header: "氏名", className: "px-3 py-3", cell: (m) => m.mayorName },
            { header: "状態", className: (m) => `whitespace-nowrap px-3 py-3 ${m.status === "in_force" ? "font-bold" : ""}`, cell: (m) => STATUS_LABELS[m.status] },
            { header: "登録日時", className: "whitespace-nowrap px-3 py-3", cell: (m) => formatJstMinute(m.recordedAt) },
          ]}
        />
      </section>

      <section aria-labelledby="seals-heading" className="flex flex-col gap-4">
        <h2 id="seals-heading" className="text-std-24B-150 text-solid-gray-900">公印の履歴</h2>
        <DataTable
          label="公印の履歴の表"
          rows={history.seals}
          rowKey={(s) => s.id}
          empty={<p className="text-std-16N-170">履歴はまだありません。</p>}
          columns={[
            { header: "適用期間", rowHeader: true, className: "whitespace-nowrap px-3 py-3 font-normal", cell: (s) => range(s.effectiveFrom, s.effectiveUntil) },
            {
              header: "公印",
              className: "px-3 py-3",
              cell: (s) => (
                // eslint-disable-next-line @next/next/no-img-element -- a private, per-session image route; next/image would cache it
                <img src={`/mayor-and-seal/seals/${s.id}`} alt={`${range(s.effectiveFrom, s.effectiveUntil)}の公印`} className="size-20 rounded-8 border border-solid-gray-420 bg-white object-contain p-1" />
              ),
            },
            { header: "大きさ", className: "whitespace-nowrap px-3 py-3", cell: (s) => `${s.width && s.height ? `${s.width}×${s.height}px・` : ""}${Math.ceil(s.bytes / 1024)}KB` },
            { header: "状態", className: (s) => `whitespace-nowrap px-3 py-3 ${s.status === "in_force" ? "font-bold" : ""}`, cell: (s) => STATUS_LABELS[s.status] },
            { header: "登録日時", className: "whitespace-nowrap px-3 py-3", cell: (s) => formatJstMinute(s.recordedAt) },
          ]}
        />
      </section>

      {canEdit ? (
        <>
          <section aria-labelledby="mayor-form-heading" className="flex flex-col gap-4">
            <h2 id="mayor-form-heading" className="text-std-24B-150 text-solid-gray-900">新しい市区町村長の登録</h2>
            <MayorTermForm municipalityId={forOperator} today={today} mayorTitle={history.printedToday.mayorTitle} />
          </section>
          <section aria-labelledby="seal-form-heading" className="flex flex-col gap-4">
            <h2 id="seal-form-heading" className="text-std-24B-150 text-solid-gray-900">新しい公印の登録</h2>
            <SealUploadForm municipalityId={forOperator} today={today} />
          </section>
        </>
      ) : null}
    </div>
  );
}
