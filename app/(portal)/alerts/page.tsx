import type { Metadata } from "next";
import { Pagination } from "@/components/ui/pagination";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { alertFacts } from "@/lib/alert-text";
import { formatJstDateTime } from "@/lib/jst";
import { can, rolesWith } from "@/lib/permissions";
import { ALERT_CHANNEL_LABELS, ALERT_DELIVERY_STATE_LABELS, ALERT_KIND_LABELS } from "@/lib/schemas/alerts";
import { firstParam } from "@/lib/search-params";
import { requireStaff } from "@/server/auth/require-staff";
import { getAlertSettings } from "@/server/alerts/get-alert-settings";
import { listAlerts, type AlertDeliveryItem } from "@/server/alerts/list-alerts";
import { AlertSettingsForm } from "./_components/alert-settings-form";

export const metadata: Metadata = { title: "アラート" };

const STATE_CLASS: Record<AlertDeliveryItem["state"], string> = {
  sent: "text-success-2",
  failed: "font-bold text-error-2",
  retrying: "text-solid-gray-900",
  waiting: "text-solid-gray-800",
};

function Deliveries({ items }: { items: AlertDeliveryItem[] }) {
  if (!items.length) return <span className="text-solid-gray-800">宛先が未設定のため送信していません</span>;
  return (
    <ul className="flex flex-col gap-1">
      {items.map((d) => (
        <li key={d.id}>
          {ALERT_CHANNEL_LABELS[d.channel]} <span className="break-all font-mono">{d.target}</span>:{" "}
          <span className={STATE_CLASS[d.state]}>{ALERT_DELIVERY_STATE_LABELS[d.state]}</span>
          {d.state !== "waiting" ? `（${d.attempts}回${d.lastError ? `、${d.lastError}` : ""}）` : null}
        </li>
      ))}
    </ul>
  );
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("alerts:read"));
  const raw = await searchParams;
  const params = { page: firstParam(raw.page) };
  const isOperator = can(staff.role, "all-municipalities");
  const settings = can(staff.role, "alerts:manage") && staff.ctx.municipalityId ? await getAlertSettings({ ctx: staff.ctx }) : null;
  const result = await listAlerts({ ctx: staff.ctx, input: params });

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">アラート</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          交付センターの印刷失敗が続いたとき、発行前PDF検査の不一致、データ取込の失敗、利用登録の新しい申請と審査期限の超過を、設定した宛先にメールとWebhookで知らせます。送信の結果もここで確認できます。アラートには個人情報を含めません（受付番号・件数・コードのみ）。
        </p>
      </div>

      {settings ? (
        <section aria-labelledby="settings-heading" className="flex flex-col gap-4">
          <h2 id="settings-heading" className="text-std-24B-150 text-solid-gray-900">
            送信先の設定
          </h2>
          <p className="text-std-16N-170 text-solid-gray-800">
            Webhookは JSON を POST し、HTTPメッセージ署名（RFC 9421、hmac-sha256）を付けます。検証の方法は運用事業者の資料（docs/decisions/0016-alerts.md）を参照してください。最終更新: {formatJstDateTime(settings.updatedAt)}
          </p>
          <AlertSettingsForm recipients={settings.recipients} webhookUrl={settings.webhookUrl} keyId={settings.keyId} hasSecret={settings.hasSecret} />
        </section>
      ) : null}

      <section aria-labelledby="log-heading" className="flex flex-col gap-4">
        <h2 id="log-heading" className="text-std-24B-150 text-solid-gray-900">
          送信の記録
        </h2>
        {result.total === 0 ? (
          <p className="text-std-16N-170">アラートはまだありません。</p>
        ) : (
          <>
            <Pagination basePath="/alerts" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
            <DataTable
              label="アラートの表"
              caption="アラートと送信結果（新しい順）"
              rows={result.items}
              rowKey={(a) => a.id}
              rowClassName="border-b border-solid-gray-200 last:border-b-0"
              columns={[
                { header: "発生日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (a) => formatJstDateTime(a.createdAt) },
                { header: "種別", rowHeader: true, className: `${TABLE_CELL_CLASS} font-normal`, cell: (a) => ALERT_KIND_LABELS[a.kind] },
                isOperator && { header: "自治体", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (a) => a.municipality.name },
                {
                  header: "内容",
                  className: TABLE_CELL_CLASS,
                  cell: (a) => (
                    <ul className="flex flex-col gap-1">
                      {alertFacts(a.kind, a.payload).map((f) => (
                        <li key={f}>{f}</li>
                      ))}
                    </ul>
                  ),
                },
                { header: "送信結果", className: TABLE_CELL_CLASS, cell: (a) => <Deliveries items={a.deliveries} /> },
              ]}
            />
            <Pagination basePath="/alerts" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
          </>
        )}
      </section>
    </div>
  );
}
