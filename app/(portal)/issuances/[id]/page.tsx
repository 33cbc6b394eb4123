import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDateTime } from "@/lib/jst";
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getIssuanceDetail, type IssuanceDetail } from "@/server/logs/get-issuance-detail";

export const metadata: Metadata = { title: "発行記録の詳細" };

const yen = new Intl.NumberFormat("ja-JP");
const PURPOSE_LABELS = { residence: "住所地", honseki: "本籍地" } as const;

function requesterText(r: IssuanceDetail["requester"]): string {
  if (r.visibility === "shown") return r.name;
  if (r.visibility === "hidden") return "（権限により非表示）";
  return "（住民登録のない請求者）";
}

// Each view is audited by the verb (issuance.view; the requester's name, for the roles that see it, also
// as issuance.read_detail).
export default async function IssuanceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(...rolesWith("issuances:read"));
  const { id } = await params;
  let d: IssuanceDetail;
  try {
    d = await getIssuanceDetail({ ctx: staff.ctx, input: { issuanceId: id } });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }

  const rows: Array<[string, ReactNode]> = [
    ["発行番号", <span key="no" className="font-mono tabular-nums">{d.issuanceNo}</span>],
    ...(can(staff.role, "all-municipalities") ? ([["自治体", `${d.municipality.name}（${d.municipality.code}）`]] as Array<[string, ReactNode]>) : []),
    ["証明書の種類", CERTIFICATE_NAMES[d.certificateType]],
    ["請求の区分", PURPOSE_LABELS[d.purpose]],
    ["状態", ISSUANCE_STATUS_LABELS[d.status]],
    ["請求者", requesterText(d.requester)],
    ["市外からの利用", d.outOfTown ? "はい" : "いいえ"],
    ["作成日時", formatJstDateTime(d.renderedAt)],
    ["完了日時", formatJstDateTime(d.completedAt)],
    ["店舗", `${d.storeChain}（店舗コード ${d.storeCode}）`],
    ["端末", d.terminalId],
    ["交付センターの取引ID", <span key="tx" className="break-all font-mono">{d.centreTransactionId}</span>],
    ["通数", `${d.copies}通`],
    ["手数料", `${yen.format(d.feeTotal)}円（1通 ${yen.format(d.feePerCopy)}円）`],
    ["ページ数", `${d.pageCount}ページ`],
    ["PDFのハッシュ値（SHA-256）", <span key="h" className="break-all font-mono">{d.pdfSha256}</span>],
    ...(d.failureReason ? ([["失敗の理由（交付センターの報告）", d.failureReason]] as Array<[string, ReactNode]>) : []),
  ];

  return (
    <div className="flex flex-col gap-8">
      <p>
        <Link href="/issuances" className={TEXT_LINK_CLASS}>
          発行履歴に戻る
        </Link>
      </p>
      <h1 className="text-std-32B-150 text-solid-gray-900">発行記録の詳細</h1>
      <p className="text-std-16N-170 text-solid-gray-800">この画面の表示は監査記録に残ります。</p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-8 border border-solid-gray-420 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr] desktop:p-6">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-bold text-solid-gray-900">{label}</dt>
            <dd className="min-w-0 text-solid-gray-800">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="incidents-heading" className="flex flex-col gap-4">
        <h2 id="incidents-heading" className="text-std-24B-150 text-solid-gray-900">
          関連するインシデント
        </h2>
        {d.incidents.length === 0 ? (
          <p className="text-std-16N-170">この発行に関連するインシデントはありません。</p>
        ) : (
          <ul className="flex flex-col gap-2 text-std-16N-170">
            {d.incidents.map((i) => (
              <li key={i.id}>
                <Link href={`/incidents/${i.id}`} className={TEXT_LINK_CLASS}>
                  {INCIDENT_KIND_LABELS[i.kind]}（{INCIDENT_STATUS_LABELS[i.status]}・{formatJstDateTime(i.openedAt)}）
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
