import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDate, formatJstDateTime } from "@/lib/jst";
import { can, rolesWith } from "@/lib/permissions";
import { refusalLabel } from "@/lib/refusal-reasons";
import { ISSUANCE_BLOCK_REASONS } from "@/lib/schemas/issuance-block";
import { REGISTRATION_STATUS_LABELS } from "@/lib/schemas/koseki-registration";
import { ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import { CARD_KIND_LABELS, CARD_STATE_LABELS, RESIDENT_STATUS_LABELS, SEAL_STATUS_LABELS, SUPPORT_MEASURE_DETAIL_LABELS } from "@/lib/schemas/resident-inquiry";
import { formatWareki } from "@/lib/wareki";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getResidentInquiry, RECENT_LIMIT, type ResidentInquiry } from "@/server/residents/get-resident-inquiry";

export const metadata: Metadata = { title: "住民照会の詳細" };

const SOURCE_LABELS = { eligibility: "交付可否の照会", issuance: "発行の要求" } as const;
const H2 = "text-std-24B-150 text-solid-gray-900";
const DL = "grid grid-cols-1 gap-x-6 gap-y-3 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr] desktop:p-6";

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className={DL}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-bold text-solid-gray-900">{label}</dt>
          <dd className="min-w-0 break-words text-solid-gray-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function flagTexts(d: ResidentInquiry): string[] {
  const f = d.flags;
  return [
    f.movedOut ? `転出${d.movedOutOn ? `（${formatWareki(d.movedOutOn)}）` : ""}` : null,
    f.moveOutPlanned && d.moveOutPlannedOn ? `転出予定（${formatWareki(d.moveOutPlannedOn)}）` : null,
    f.deceased ? `死亡${d.deceasedOn ? `（${formatWareki(d.deceasedOn)}）` : ""}` : null,
    f.gaijiPending ? "外字の登録手続き中" : null,
    f.adultWard ? "成年被後見人" : null,
    ...f.issuanceBlocks.map((r) => `交付停止中（${ISSUANCE_BLOCK_REASONS[r]}）`),
    f.supportMeasure ? "支援措置あり" : null,
  ].filter((x): x is string => x !== null);
}

// Each view is audited by the verb (resident.view; the 支援措置 details, for the roles that see them, also as
// resident.read_support_measure).
export default async function ResidentInquiryPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(...rolesWith("residents:read"));
  const { id } = await params;
  let d: ResidentInquiry;
  try {
    d = await getResidentInquiry({ ctx: staff.ctx, input: { residentId: id } });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const flags = flagTexts(d);
  const mayOpenRegistrations = can(staff.role, "registrations:read");

  return (
    <div className="flex flex-col gap-8">
      <p>
        <Link href="/residents" className={TEXT_LINK_CLASS}>
          住民照会に戻る
        </Link>
      </p>
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">住民照会：{d.name}</h1>
        <p className="text-std-16N-170 text-solid-gray-800">この画面の表示は監査記録に残ります。</p>
      </div>

      <section aria-labelledby="basic-heading" className="flex flex-col gap-4">
        <h2 id="basic-heading" className={H2}>
          基本情報
        </h2>
        <Facts
          rows={[
            ["住民番号", <span key="no" className="font-mono tabular-nums">{d.residentNo}</span>],
            ["氏名", d.name],
            ["フリガナ", d.kana],
            ...(d.alias ? ([["通称", d.alias]] as Array<[string, ReactNode]>) : []),
            ["生年月日", formatWareki(d.dateOfBirth)],
            ["状態", RESIDENT_STATUS_LABELS[d.status]],
          ]}
        />
      </section>

      <section aria-labelledby="flags-heading" className="flex flex-col gap-4">
        <h2 id="flags-heading" className={H2}>
          交付に関わる注意事項
        </h2>
        {flags.length ? (
          <ul className="flex list-disc flex-col gap-1 pl-6 text-std-16N-170" data-testid="resident-flags">
            {flags.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : (
          <p className="text-std-16N-170">注意事項はありません。</p>
        )}
      </section>

      {d.flags.supportMeasure || (d.supportMeasures && d.supportMeasures.length) ? (
        <section aria-labelledby="support-heading" className="flex flex-col gap-4">
          <h2 id="support-heading" className={H2}>
            支援措置
          </h2>
          {d.supportMeasures === null ? (
            <p className="text-std-16N-170 text-solid-gray-800">支援措置の内容は、自治体管理者だけが表示できます。コンビニ交付ではこの方の証明書は発行されません。</p>
          ) : d.supportMeasures.length === 0 ? (
            <p className="text-std-16N-170 text-solid-gray-800">戸籍の附票に支援措置の記録があります（住民記録には支援措置の登録がありません）。</p>
          ) : (
            d.supportMeasures.map((s, i) => (
              <Facts
                key={`${s.startsOn}-${i}`}
                rows={[
                  ["期間", `${formatWareki(s.startsOn)}〜${s.endsOn ? formatWareki(s.endsOn) : ""}${s.inForce ? "（実施中）" : "（期間外）"}`],
                  ...s.details.map((x): [string, ReactNode] => [SUPPORT_MEASURE_DETAIL_LABELS[x.key] ?? x.key, x.value]),
                ]}
              />
            ))
          )}
        </section>
      ) : null}

      <section aria-labelledby="cards-heading" className="flex flex-col gap-4">
        <h2 id="cards-heading" className={H2}>
          利用者証明用電子証明書
        </h2>
        <DataTable
          label="電子証明書の表"
          caption="この方の電子証明書（有効・期限切れ・失効）"
          rows={d.cards}
          rowKey={(c) => c.id}
          empty={<p className="text-std-16N-170">電子証明書の登録はありません。</p>}
          columns={[
            { header: "シリアル番号", rowHeader: true, className: `${TABLE_CELL_CLASS} font-mono font-normal`, cell: (c) => c.serial },
            { header: "種類", className: TABLE_CELL_CLASS, cell: (c) => CARD_KIND_LABELS[c.kind] },
            { header: "状態", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, data: (c) => ({ "data-state": c.state }), cell: (c) => CARD_STATE_LABELS[c.state] + (c.revokedAt ? `（${formatJstDate(c.revokedAt)}）` : "") },
            { header: "有効期間", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (c) => `${formatJstDate(c.validFrom)}〜${formatJstDate(c.validUntil)}` },
            { header: "カード交付日", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (c) => formatWareki(c.cardIssuedOn) },
          ]}
        />
      </section>

      <section aria-labelledby="seal-heading" className="flex flex-col gap-4">
        <h2 id="seal-heading" className={H2}>
          印鑑登録
        </h2>
        <DataTable
          label="印鑑登録の表"
          caption="この方の印鑑登録"
          rows={d.seals}
          rowKey={(s) => s.registrationNo}
          empty={<p className="text-std-16N-170">印鑑登録はありません。</p>}
          columns={[
            { header: "登録番号", rowHeader: true, className: `${TABLE_CELL_CLASS} font-mono font-normal`, cell: (s) => s.registrationNo },
            { header: "状態", className: TABLE_CELL_CLASS, cell: (s) => SEAL_STATUS_LABELS[s.status] },
            { header: "登録日", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (s) => formatWareki(s.registeredOn) },
            { header: "廃止日", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (s) => (s.abolishedOn ? formatWareki(s.abolishedOn) : "—") },
          ]}
        />
      </section>

      <section aria-labelledby="registrations-heading" className="flex flex-col gap-4">
        <h2 id="registrations-heading" className={H2}>
          本籍地の利用登録
        </h2>
        <DataTable
          label="利用登録の表"
          caption="この自治体が本籍地として受け付けたこの方の利用登録"
          rows={d.registrations}
          rowKey={(g) => g.id}
          empty={<p className="text-std-16N-170">この自治体への利用登録はありません。</p>}
          columns={[
            {
              header: "受付番号",
              rowHeader: true,
              className: `${TABLE_CELL_CLASS} font-mono font-normal`,
              cell: (g) =>
                mayOpenRegistrations ? (
                  <Link href={`/koseki-registrations/${g.id}`} className={TEXT_LINK_CLASS}>
                    {g.receiptNo}
                  </Link>
                ) : (
                  g.receiptNo
                ),
            },
            { header: "状態", className: TABLE_CELL_CLASS, cell: (g) => REGISTRATION_STATUS_LABELS[g.status] },
            { header: "申請日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (g) => formatJstDateTime(g.createdAt) },
            { header: "審査日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (g) => formatJstDateTime(g.decidedAt) },
          ]}
        />
      </section>

      <section aria-labelledby="issuances-heading" className="flex flex-col gap-4">
        <h2 id="issuances-heading" className={H2}>
          最近の発行（{RECENT_LIMIT}件まで）
        </h2>
        <DataTable
          label="最近の発行の表"
          caption="この方が請求した最近の発行（新しい順）"
          rows={d.issuances}
          rowKey={(i) => i.id}
          empty={<p className="text-std-16N-170">発行の記録はありません。</p>}
          columns={[
            {
              header: "発行番号",
              rowHeader: true,
              className: `${TABLE_CELL_CLASS} whitespace-nowrap font-mono font-normal tabular-nums`,
              cell: (i) => (
                <Link href={`/issuances/${i.id}`} className={TEXT_LINK_CLASS}>
                  {i.issuanceNo}
                </Link>
              ),
            },
            { header: "証明書の種類", className: TABLE_CELL_CLASS, cell: (i) => CERTIFICATE_NAMES[i.certificateType] },
            { header: "状態", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => `${ISSUANCE_STATUS_LABELS[i.status]}${i.voided ? "（無効）" : ""}` },
            { header: "作成日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (i) => formatJstDateTime(i.renderedAt) },
          ]}
        />
      </section>

      <section aria-labelledby="refusals-heading" className="flex flex-col gap-4">
        <h2 id="refusals-heading" className={H2}>
          最近のお断り（{RECENT_LIMIT}件まで）
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">キオスクでこの方の証明書をお断りした記録です（一定期間で削除されます）。</p>
        <DataTable
          label="最近のお断りの表"
          caption="この方への最近のお断り（新しい順）"
          rows={d.refusals}
          rowKey={(x) => x.id}
          empty={<p className="text-std-16N-170">お断りの記録はありません。</p>}
          columns={[
            { header: "日時", rowHeader: true, className: `${TABLE_CELL_CLASS} whitespace-nowrap font-normal tabular-nums`, cell: (x) => formatJstDateTime(x.refusedAt) },
            { header: "証明書の種類", className: TABLE_CELL_CLASS, cell: (x) => CERTIFICATE_NAMES[x.certificateType] },
            { header: "理由", className: TABLE_CELL_CLASS, data: (x) => ({ "data-reason": x.reason }), cell: (x) => refusalLabel(x.reason) },
            { header: "区分", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (x) => SOURCE_LABELS[x.source] },
            { header: "店舗・端末", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (x) => `${x.storeChain} / ${x.terminalId}` },
          ]}
        />
      </section>
    </div>
  );
}
