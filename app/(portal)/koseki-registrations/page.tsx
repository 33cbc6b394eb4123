import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { firstParam } from "@/lib/search-params";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { Alert } from "@/components/ui/alert";
import { formatJstDateTime } from "@/lib/jst";
import { REGISTRATION_QUEUE_FILTER_LABELS, REGISTRATION_QUEUE_FILTERS, REGISTRATION_STATUS_LABELS, ZRegistrationQueue } from "@/lib/schemas/koseki-registration";
import { formatWareki } from "@/lib/wareki";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listRegistrationQueue } from "@/server/koseki-registration/list-registration-queue";
import { NOTICE_STATUS_LABELS, SOURCE_LABELS } from "./labels";

export const metadata: Metadata = { title: "利用登録の審査" };

const tabClass =
  "inline-flex min-h-12 items-center rounded-8 border border-solid-gray-420 px-4 text-std-16N-170 text-blue-900 underline " +
  "hover:bg-blue-50 aria-[current=page]:border-blue-900 aria-[current=page]:bg-blue-100 aria-[current=page]:font-bold aria-[current=page]:no-underline";

export default async function KosekiRegistrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("registrations:read"));
  const raw = await searchParams;
  const params = { filter: firstParam(raw.filter), page: firstParam(raw.page) };
  const parsed = ZRegistrationQueue.safeParse(params);
  const input = parsed.success ? params : {};
  const filter = parsed.success ? parsed.data.filter : "pending";
  const queue = await listRegistrationQueue({ ctx: staff.ctx, input });

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">本籍地の利用登録の審査</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          {staff.municipality?.name}に本籍がある、ほかの市区町村にお住まいの方からの利用登録の申請です。戸籍と照合して承認または不承認にしてください。審査期限は受付日の翌開庁日から数えます（土日・祝日・12月29日〜1月3日を除く）。
        </p>
      </div>

      {queue.counts.overdue > 0 ? (
        <Alert variant="warning" title="審査期限を過ぎた申請があります">
          期限超過の申請が{queue.counts.overdue}件あります。
        </Alert>
      ) : null}

      <nav aria-label="表示する申請">
        <ul className="flex flex-wrap gap-2">
          {REGISTRATION_QUEUE_FILTERS.map((f) => {
            const count = f === "pending" ? queue.counts.pending : f === "overdue" ? queue.counts.overdue : f === "awaiting_card" ? queue.counts.awaitingCard : null;
            return (
              <li key={f}>
                <Link href={f === "pending" ? "/koseki-registrations" : `/koseki-registrations?filter=${f}`} aria-current={f === filter ? "page" : undefined} className={tabClass}>
                  {REGISTRATION_QUEUE_FILTER_LABELS[f]}
                  {count !== null ? `（${count}件）` : ""}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby="queue-heading" className="flex flex-col gap-4">
        <h2 id="queue-heading" className="text-std-24B-150 text-solid-gray-900">
          {REGISTRATION_QUEUE_FILTER_LABELS[filter]}
        </h2>
        {queue.total === 0 ? (
          <p className="text-std-16N-170">該当する申請はありません。</p>
        ) : (
          <>
            <Pagination basePath="/koseki-registrations" params={{ filter: params.filter }} page={queue.page} pageCount={queue.pageCount} total={queue.total} />
            <DataTable
              label="利用登録の申請の表"
              caption={`利用登録の申請（${REGISTRATION_QUEUE_FILTER_LABELS[filter]}）`}
              rows={queue.items}
              rowKey={(i) => i.id}
              rowClassName="border-b border-solid-gray-200 last:border-b-0"
              columns={[
                {
                  header: "受付番号",
                  className: `${TABLE_CELL_CLASS} whitespace-nowrap font-mono`,
                  cell: (i) => (
                    <Link href={`/koseki-registrations/${i.id}`} className={TEXT_LINK_CLASS}>
                      {i.receiptNo}
                    </Link>
                  ),
                },
                { header: "申請者", rowHeader: true, className: `${TABLE_CELL_CLASS} font-normal`, cell: (i) => i.applicantName },
                { header: "受付方法", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => SOURCE_LABELS[i.source] },
                { header: "受付日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (i) => formatJstDateTime(i.receivedAt) },
                {
                  header: "審査期限",
                  className: `${TABLE_CELL_CLASS} whitespace-nowrap`,
                  cell: (i) => (
                    <>
                      {i.cardBound && i.status === "pending" ? formatWareki(i.dueOn) : "—"}
                      {i.overdue ? <span className="ml-2 rounded-4 bg-error-1 px-2 py-0.5 text-dns-14B-120 text-white">期限超過</span> : null}
                    </>
                  ),
                },
                {
                  header: "状態",
                  className: `${TABLE_CELL_CLASS} whitespace-nowrap`,
                  cell: (i) => (i.status === "pending" && !i.cardBound ? "カード申請待ち" : REGISTRATION_STATUS_LABELS[i.status]),
                },
                { header: "通知", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => (i.noticeStatus ? NOTICE_STATUS_LABELS[i.noticeStatus] : "—") },
              ]}
            />
          </>
        )}
      </section>
    </div>
  );
}
