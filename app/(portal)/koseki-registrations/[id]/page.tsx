import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/alert";
import { REGISTRATION_STATUS_LABELS, REJECT_REASONS, REREGISTRATION_REASONS } from "@/lib/schemas/koseki-registration";
import { formatJstDateTime } from "@/lib/jst";
import { formatWareki } from "@/lib/wareki";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getRegistrationReview, type RegistrationReview } from "@/server/koseki-registration/get-registration-review";
import { MATCH_FIELD_LABELS } from "@/server/koseki-registration/match-koseki";
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, SOURCE_LABELS } from "../labels";
import { DecisionForms } from "./_components/decision-forms";

export const metadata: Metadata = { title: "利用登録の審査" };

const show = (field: string, value: string) => (field === "dateOfBirth" ? formatWareki(value) : value);

export default async function KosekiRegistrationPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff(...rolesWith("registrations:read"));
  const { id } = await params;
  let r: RegistrationReview;
  try {
    r = await getRegistrationReview({ ctx: staff.ctx, input: { registrationId: id } });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const statusLabel = r.status === "pending" && !r.cardBound ? "カード申請待ち" : REGISTRATION_STATUS_LABELS[r.status];

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <p>
          <Link href="/koseki-registrations" className="text-std-16N-170 text-blue-900 underline">
            審査一覧に戻る
          </Link>
        </p>
        <h1 className="text-std-32B-150 text-solid-gray-900">
          利用登録の申請 <span className="font-mono">{r.receiptNo}</span>
        </h1>
        <p className="text-std-16N-170">
          状態：<strong>{statusLabel}</strong>
          {r.overdue ? <span className="ml-2 rounded-4 bg-error-1 px-2 py-0.5 text-dns-14B-120 text-white">期限超過</span> : null}
        </p>
      </div>

      {!r.cardBound && r.status === "pending" ? (
        <Alert variant="info" title="マイナンバーカードによる申請待ちです">
          Web事前登録のみで、電子証明書がまだ結び付いていません。コンビニでの申請（受付番号の入力）があると審査できるようになります。内容に問題がある場合は不承認にできます。
        </Alert>
      ) : null}

      <section aria-labelledby="application-heading" className="flex flex-col gap-3">
        <h2 id="application-heading" className="text-std-24B-150 text-solid-gray-900">申請内容</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-std-16N-170 desktop:grid-cols-[12rem_1fr]">
          <dt className="font-bold">申請者</dt>
          <dd>
            {r.applicant.name}（{r.applicant.kana}）
          </dd>
          <dt className="font-bold">生年月日</dt>
          <dd>{formatWareki(r.applicant.dateOfBirth)}</dd>
          <dt className="font-bold">現住所</dt>
          <dd>{r.applicant.currentAddress}</dd>
          <dt className="font-bold">本籍</dt>
          <dd>{r.honseki}</dd>
          <dt className="font-bold">筆頭者</dt>
          <dd>{r.kosekiHeadName}</dd>
          <dt className="font-bold">受付方法</dt>
          <dd>
            {SOURCE_LABELS[r.source]}
            {r.preRegistrationReceiptNo ? `（Web事前登録 ${r.preRegistrationReceiptNo} を引き継ぎ）` : ""}
          </dd>
          <dt className="font-bold">受付日時</dt>
          <dd>{formatJstDateTime(r.receivedAt)}</dd>
          {r.cardBound ? (
            <>
              <dt className="font-bold">審査期限</dt>
              <dd>{formatWareki(r.dueOn)}</dd>
            </>
          ) : null}
          <dt className="font-bold">メールでの通知</dt>
          <dd>{r.hasEmail ? "希望あり" : "希望なし"}</dd>
          {r.decidedAt ? (
            <>
              <dt className="font-bold">審査日時</dt>
              <dd>{formatJstDateTime(r.decidedAt)}</dd>
            </>
          ) : null}
          {r.rejectReasonCode ? (
            <>
              <dt className="font-bold">不承認の理由</dt>
              <dd>
                {REJECT_REASONS[r.rejectReasonCode as keyof typeof REJECT_REASONS] ?? r.rejectReasonCode}
                {r.decisionNote ? `（補足：${r.decisionNote}）` : ""}
              </dd>
            </>
          ) : null}
          {r.reregistrationReason ? (
            <>
              <dt className="font-bold">再登録が必要な理由</dt>
              <dd>{REREGISTRATION_REASONS[r.reregistrationReason as keyof typeof REREGISTRATION_REASONS] ?? r.reregistrationReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="match-heading" className="flex flex-col gap-4">
        <h2 id="match-heading" className="text-std-24B-150 text-solid-gray-900">戸籍との照合</h2>
        {r.candidates.length === 0 ? (
          <Alert variant="warning" title="照合できる戸籍の記録がありません">
            氏名または生年月日が一致する方が、現在の戸籍に見つかりませんでした。
          </Alert>
        ) : (
          r.candidates.map((c, index) => (
            <DataTable
              key={c.memberId}
              label={`候補${index + 1}（戸籍番号 ${c.recordNo}）`}
              captionClassName="px-3 py-2 text-left text-std-16B-170"
              caption={
                <>
                  候補{index + 1}：戸籍番号 {c.recordNo}（{c.relationship}）— {c.match.complete ? "すべて一致" : `${c.match.fields.length}項目中${c.match.matched}項目が一致`}
                  {r.approvedMemberId === c.memberId ? "（承認時に照合した記録）" : ""}
                </>
              }
              rows={c.match.fields}
              rowKey={(f) => f.field}
              rowClassName={(f) => `border-b border-solid-gray-200 last:border-b-0 ${f.matches ? "" : "bg-red-50"}`}
              columns={[
                { header: "項目", rowHeader: true, className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (f) => MATCH_FIELD_LABELS[f.field] },
                { header: "申請内容", className: TABLE_CELL_CLASS, cell: (f) => show(f.field, f.applicant) },
                { header: "戸籍の記載", className: TABLE_CELL_CLASS, cell: (f) => show(f.field, f.record) },
                {
                  header: "照合結果",
                  className: (f) => `${TABLE_CELL_CLASS} whitespace-nowrap font-bold ${f.matches ? "text-solid-gray-800" : "text-error-2"}`,
                  cell: (f) => (f.matches ? "一致" : "不一致"),
                },
              ]}
            />
          ))
        )}
      </section>

      {r.canDecide ? (
        <section aria-labelledby="decision-heading" className="flex flex-col gap-4">
          <h2 id="decision-heading" className="text-std-24B-150 text-solid-gray-900">審査結果</h2>
          <DecisionForms
            registrationId={r.id}
            canApprove={r.cardBound}
            candidates={r.candidates.map((c) => ({ memberId: c.memberId, matched: c.match.matched, label: `候補${r.candidates.indexOf(c) + 1}（戸籍番号 ${c.recordNo}、${c.match.complete ? "すべて一致" : `${c.match.matched}項目が一致`}）` }))}
          />
        </section>
      ) : null}

      <section aria-labelledby="notices-heading" className="flex flex-col gap-3">
        <h2 id="notices-heading" className="text-std-24B-150 text-solid-gray-900">通知</h2>
        {r.notices.length === 0 ? (
          <p className="text-std-16N-170">通知はありません。</p>
        ) : (
          <ul className="flex flex-col gap-2 text-std-16N-170">
            {r.notices.map((n) => (
              <li key={n.id}>
                {NOTICE_KIND_LABELS[n.kind]}：<strong>{NOTICE_STATUS_LABELS[n.status]}</strong>
                {n.status === "sent" && n.sentAt ? `（${formatJstDateTime(n.sentAt)}）` : ""}
                {n.status !== "sent" ? `（試行${n.attempts}回${n.lastError ? `、直近のエラー ${n.lastError}` : n.attempts === 0 ? "、メール送信の設定待ち" : ""}）` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
