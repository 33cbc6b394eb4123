import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatJstDateTime } from "@/lib/jst";
import { REGISTRATION_QUEUE_FILTER_LABELS, REGISTRATION_QUEUE_FILTERS, REGISTRATION_STATUS_LABELS, ZRegistrationQueue } from "@/lib/schemas/koseki-registration";
import { formatWareki } from "@/lib/wareki";
import { requireStaff } from "@/server/auth/require-staff";
import { listRegistrationQueue } from "@/server/koseki-registration/list-registration-queue";
import { firstParam, Pagination, tableLinkClass, tdClass, thClass } from "../issuances/_components/pagination";
import { NOTICE_STATUS_LABELS, SOURCE_LABELS } from "./labels";

export const metadata: Metadata = { title: "利用登録の審査" };

const tabClass =
  "inline-flex min-h-12 items-center rounded-8 border border-solid-gray-420 px-4 text-std-16N-170 text-blue-900 underline " +
  "hover:bg-blue-50 aria-[current=page]:border-blue-900 aria-[current=page]:bg-blue-100 aria-[current=page]:font-bold aria-[current=page]:no-underline";

export default async function KosekiRegistrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("municipal_admin", "clerk", "auditor");
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
            <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label="利用登録の申請の表" tabIndex={0}>
              <table className="w-full border-collapse text-left text-dns-16N-130">
                <caption className="sr-only">利用登録の申請（{REGISTRATION_QUEUE_FILTER_LABELS[filter]}）</caption>
                <thead className="bg-solid-gray-50">
                  <tr>
                    <th scope="col" className={thClass}>受付番号</th>
                    <th scope="col" className={thClass}>申請者</th>
                    <th scope="col" className={thClass}>受付方法</th>
                    <th scope="col" className={thClass}>受付日時</th>
                    <th scope="col" className={thClass}>審査期限</th>
                    <th scope="col" className={thClass}>状態</th>
                    <th scope="col" className={thClass}>通知</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.items.map((i) => (
                    <tr key={i.id} className="border-b border-solid-gray-200 last:border-b-0">
                      <td className={`${tdClass} whitespace-nowrap font-mono`}>
                        <Link href={`/koseki-registrations/${i.id}`} className={tableLinkClass}>
                          {i.receiptNo}
                        </Link>
                      </td>
                      <th scope="row" className={`${tdClass} font-normal`}>{i.applicantName}</th>
                      <td className={`${tdClass} whitespace-nowrap`}>{SOURCE_LABELS[i.source]}</td>
                      <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatJstDateTime(i.receivedAt)}</td>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        {i.cardBound && i.status === "pending" ? formatWareki(i.dueOn) : "—"}
                        {i.overdue ? <span className="ml-2 rounded-4 bg-error-1 px-2 py-0.5 text-dns-14B-120 text-white">期限超過</span> : null}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap`}>{i.status === "pending" && !i.cardBound ? "カード申請待ち" : REGISTRATION_STATUS_LABELS[i.status]}</td>
                      <td className={`${tdClass} whitespace-nowrap`}>{i.noticeStatus ? NOTICE_STATUS_LABELS[i.noticeStatus] : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
