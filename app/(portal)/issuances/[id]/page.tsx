import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { formatJstDateTime } from "@/lib/jst";
import { VOID_REASON_LABELS } from "@/lib/schemas/issuance-void";
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, ISSUANCE_STATUS_LABELS } from "@/lib/schemas/logs";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getIssuanceDetail, type IssuanceDetail } from "@/server/logs/get-issuance-detail";
import { VoidIssuanceForm } from "./_components/void-issuance-form";

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
    [
      "有効・無効",
      d.void ? (
        <strong key="v" className="text-error-1">
          無効
        </strong>
      ) : (
        "有効"
      ),
    ],
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

  const mayVoid = can(staff.role, "issuances:void") && d.status === "printed";

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

      <section aria-labelledby="void-heading" className="flex flex-col gap-4">
        <h2 id="void-heading" className="text-std-24B-150 text-solid-gray-900">
          無効の記録
        </h2>
        {d.void ? (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-8 border-2 border-error-1 p-4 text-std-16N-170 desktop:grid-cols-[max-content_1fr] desktop:p-6">
            {(
              [
                ["無効にした日時", formatJstDateTime(d.void.at)],
                ["無効にした職員", d.void.by],
                ["理由", VOID_REASON_LABELS[d.void.reason]],
                ...(d.void.note ? [["理由の内容", <span key="n" className="whitespace-pre-wrap">{d.void.note}</span>]] : []),
              ] as Array<[string, ReactNode]>
            ).map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-bold text-solid-gray-900">{label}</dt>
                <dd className="min-w-0 break-words text-solid-gray-800">{value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-std-16N-170">この証明書は有効です。</p>
        )}
        {d.void ? <p className="text-std-16N-170 text-solid-gray-800">無効は取り消せません。誤って無効にした場合は、改めて交付してください。</p> : null}
        {mayVoid && !d.void ? (
          <p className="text-std-16N-170 text-solid-gray-800">
            誤交付などで回収が必要な証明書は、ここで無効にできます。無効にした証明書は、発行番号による照合で「無効」と表示されます。
          </p>
        ) : null}
        {mayVoid ? <VoidIssuanceForm issuanceId={d.id} voided={d.void !== null} /> : null}
      </section>

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
