import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { firstParam } from "@/lib/search-params";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { formatJstDateTime } from "@/lib/jst";
import {
  INCIDENT_KIND_LABELS,
  INCIDENT_KINDS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_STATUSES,
  ZIncidentList,
} from "@/lib/schemas/logs";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listIncidents } from "@/server/incidents/list-incidents";
import { SelectField } from "@/components/ui/select-field";

export const metadata: Metadata = { title: "インシデント" };

const STATUS_OPTIONS = [{ value: "", label: "すべて" }, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }))];
const KIND_OPTIONS = [{ value: "", label: "すべて" }, ...INCIDENT_KINDS.map((k) => ({ value: k, label: INCIDENT_KIND_LABELS[k] }))];

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("incidents:read"));
  const raw = await searchParams;
  const isOperator = can(staff.role, "all-municipalities");
  const params = {
    status: firstParam(raw.status),
    kind: firstParam(raw.kind),
    municipality: isOperator ? firstParam(raw.municipality) : undefined,
    page: firstParam(raw.page),
  };
  const parsed = ZIncidentList.safeParse(params);
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const result = parsed.success ? await listIncidents({ ctx: staff.ctx, input: params }) : null;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">インシデント</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          交付センターからのエラー報告、PDFの自己検査の失敗、緊急停止などの記録です。確認したら「対応中」にし、対応が終わったら理由を記入してクローズしてください。
        </p>
      </div>

      <form method="get" action="/incidents" noValidate className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-2 desktop:p-6">
        <SelectField label="状態" name="status" defaultValue={params.status ?? ""} options={STATUS_OPTIONS} />
        <SelectField label="種別" name="kind" defaultValue={params.kind ?? ""} options={KIND_OPTIONS} />
        {isOperator ? (
          <TextField label="団体コード" name="municipality" defaultValue={params.municipality ?? ""} hint="6桁。空欄ですべて" inputMode="numeric" error={errors.municipality?.[0]} />
        ) : null}
        <div className="desktop:col-span-2">
          <Button type="submit">絞り込む</Button>
        </div>
      </form>

      {!parsed.success ? (
        <Alert variant="error" title="絞り込みの条件に誤りがあります">
          表示された内容を確認して、もう一度お試しください。
        </Alert>
      ) : null}

      {result ? (
        <section aria-labelledby="list-heading" className="flex flex-col gap-4">
          <h2 id="list-heading" className="text-std-24B-150 text-solid-gray-900">
            一覧
          </h2>
          {result.unknownMunicipality ? (
            <Alert variant="warning" title="指定された自治体が見つかりません">
              団体コード {params.municipality} の自治体は登録されていません。
            </Alert>
          ) : result.total === 0 ? (
            <p className="text-std-16N-170">条件に合うインシデントはありません。</p>
          ) : (
            <>
              <Pagination basePath="/incidents" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
              <DataTable
                label="インシデントの表"
                caption="インシデント（新しい順）"
                rows={result.items}
                rowKey={(i) => i.id}
                rowClassName="border-b border-solid-gray-200 last:border-b-0"
                columns={[
                  { header: "発生日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (i) => formatJstDateTime(i.openedAt) },
                  {
                    header: "概要",
                    rowHeader: true,
                    className: `${TABLE_CELL_CLASS} font-normal`,
                    cell: (i) => (
                      <Link href={`/incidents/${i.id}`} className={TEXT_LINK_CLASS}>
                        {i.summary}
                      </Link>
                    ),
                  },
                  { header: "種別", className: TABLE_CELL_CLASS, cell: (i) => INCIDENT_KIND_LABELS[i.kind] },
                  { header: "重要度", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => INCIDENT_SEVERITY_LABELS[i.severity] },
                  { header: "状態", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => INCIDENT_STATUS_LABELS[i.status] },
                  isOperator && { header: "自治体", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => i.municipality?.name ?? "（全体）" },
                  { header: "発行番号", className: `${TABLE_CELL_CLASS} whitespace-nowrap font-mono tabular-nums`, cell: (i) => i.issuanceNo ?? "—" },
                ]}
              />
              <Pagination basePath="/incidents" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
