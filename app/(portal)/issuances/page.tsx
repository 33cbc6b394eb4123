import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { firstParam } from "@/lib/search-params";
import { DataTable, TABLE_CELL_CLASS, TABLE_HEADER_CLASS } from "@/components/ui/data-table";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";
import { formatJstDateTime, jstDateString } from "@/lib/jst";
import { DateField } from "@/components/form/date-fields";
import { yearsAround } from "@/lib/date-fields";
import { ISSUANCE_STATUS_LABELS, ISSUANCE_STATUSES, ISSUANCE_VALIDITIES, ISSUANCE_VALIDITY_LABELS, ZIssuanceSearch } from "@/lib/schemas/logs";
import { can, rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { searchIssuances } from "@/server/logs/search-issuances";
import { SelectField } from "@/components/ui/select-field";
import { PeriodExportForm } from "@/components/form/period-export-form";

export const metadata: Metadata = { title: "発行履歴" };

const TYPE_OPTIONS = [{ value: "", label: "すべて" }, ...CERTIFICATE_TYPES.map((t) => ({ value: t, label: CERTIFICATE_NAMES[t] }))];
const STATUS_OPTIONS = [{ value: "", label: "すべて" }, ...ISSUANCE_STATUSES.map((s) => ({ value: s, label: ISSUANCE_STATUS_LABELS[s] }))];
const VALIDITY_OPTIONS = [{ value: "", label: "すべて" }, ...ISSUANCE_VALIDITIES.map((v) => ({ value: v, label: ISSUANCE_VALIDITY_LABELS[v] }))];
const ENCODING_OPTIONS = [
  { value: "utf8", label: "UTF-8（BOM付き）" },
  { value: "sjis", label: "Shift_JIS" },
];
const yen = new Intl.NumberFormat("ja-JP");
const FIELDS = ["issuanceNo", "from", "to", "type", "status", "validity", "municipality", "page"] as const;

export default async function IssuancesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("issuances:read"));
  const raw = await searchParams;
  const isOperator = can(staff.role, "all-municipalities");
  const params = Object.fromEntries(FIELDS.map((k) => [k, firstParam(raw[k])])) as Record<(typeof FIELDS)[number], string | undefined>;
  if (!isOperator) params.municipality = undefined;

  const parsed = ZIssuanceSearch.safeParse(params);
  const errors = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const result = parsed.success ? await searchIssuances({ ctx: staff.ctx, input: params }) : null;
  const mayExport = can(staff.role, "issuances:recall-export");
  const today = jstDateString(new Date());

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">発行履歴</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          コンビニ交付で作成した証明書の記録です。新しい順に50件ずつ表示します。{isOperator ? "運用事業者はすべての自治体の記録を表示します。" : ""}
        </p>
      </div>

      <section aria-labelledby="search-heading" className="flex flex-col gap-4">
        <h2 id="search-heading" className="text-std-24B-150 text-solid-gray-900">
          検索条件
        </h2>
        {!parsed.success ? (
          <Alert variant="error" title="検索条件に誤りがあります">
            表示された内容を確認して、もう一度検索してください。
          </Alert>
        ) : null}
        <form method="get" action="/issuances" noValidate className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-2 desktop:p-6">
          <TextField
            label="発行番号"
            name="issuanceNo"
            defaultValue={params.issuanceNo ?? ""}
            hint={`全桁で完全一致、先頭の一部で前方一致（例：${staff.municipality?.code ?? "131121"}-2026-）`}
            inputMode="numeric"
            autoComplete="off"
            error={errors.issuanceNo?.[0]}
          />
          {isOperator ? (
            <TextField label="団体コード" name="municipality" defaultValue={params.municipality ?? ""} hint="6桁。空欄ですべての自治体" inputMode="numeric" error={errors.municipality?.[0]} />
          ) : null}
          <DateField label="作成日（開始）" name="from" defaultValue={params.from ?? ""} years={yearsAround(today, 10, 0)} error={errors.from?.[0]} />
          <DateField label="作成日（終了）" name="to" defaultValue={params.to ?? ""} years={yearsAround(today, 10, 0)} error={errors.to?.[0]} />
          <SelectField label="証明書の種類" name="type" defaultValue={params.type ?? ""} options={TYPE_OPTIONS} />
          <SelectField label="状態" name="status" defaultValue={params.status ?? ""} options={STATUS_OPTIONS} />
          <SelectField label="有効・無効" name="validity" defaultValue={params.validity ?? ""} options={VALIDITY_OPTIONS} />
          <div className="flex flex-wrap gap-4 desktop:col-span-2">
            <Button type="submit">検索</Button>
            <Link href="/issuances" className={buttonClassName({ variant: "outline" })}>
              条件をクリア
            </Link>
          </div>
        </form>
      </section>

      <PeriodExportForm
        kind="issuances"
        action="/issuances/export"
        heading="発行履歴のダウンロード（CSV）"
        submitLabel="発行履歴をCSVで出力"
        dayLabel="出力する作成日"
        defaultFrom={today.slice(0, 8) + "01"}
        defaultTo={today}
        years={yearsAround(today, 10, 0)}
        hidden={isOperator && params.municipality ? { municipality: params.municipality } : {}}
      >
        <p className="text-std-16N-170 text-solid-gray-800">
          期間内に作成した証明書の記録を古い順に出力します（氏名などの個人情報は含みません）。{isOperator ? "検索条件の団体コードを指定していればその自治体、なければすべての自治体の記録です。" : ""}ダウンロードは監査記録に残ります。
        </p>
      </PeriodExportForm>

      {mayExport ? (
        <section aria-labelledby="recall-heading" className="flex flex-col gap-4">
          <h2 id="recall-heading" className="text-std-24B-150 text-solid-gray-900">
            無効にした証明書の回収一覧（CSV）
          </h2>
          <p className="text-std-16N-170 text-solid-gray-800">
            回収の依頼文を送るための一覧です。請求者の氏名と住所を含むため、ダウンロードは監査記録に残ります。支援措置の対象となっている世帯の住所は出力しません（窓口を通じて連絡してください）。
          </p>
          <form method="get" action="/issuances/recall-export" noValidate className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-3 desktop:p-6">
            <DateField label="無効にした日（開始）" name="from" required defaultValue={today.slice(0, 8) + "01"} years={yearsAround(today, 10, 0)} />
            <DateField label="無効にした日（終了）" name="to" required defaultValue={today} years={yearsAround(today, 10, 0)} />
            <SelectField label="文字コード" name="encoding" defaultValue="utf8" options={ENCODING_OPTIONS} />
            <div className="desktop:col-span-3">
              <Button type="submit" variant="outline">
                CSVをダウンロード
              </Button>
            </div>
          </form>
        </section>
      ) : null}

      {result ? (
        <section aria-labelledby="results-heading" className="flex flex-col gap-4">
          <h2 id="results-heading" className="text-std-24B-150 text-solid-gray-900">
            検索結果
          </h2>
          {result.unknownMunicipality ? (
            <Alert variant="warning" title="指定された自治体が見つかりません">
              団体コード {params.municipality} の自治体は登録されていません。
            </Alert>
          ) : result.total === 0 ? (
            <p className="text-std-16N-170">条件に合う発行記録はありません。</p>
          ) : (
            <>
              <Pagination basePath="/issuances" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
              <DataTable
                label="発行履歴の表"
                caption="発行履歴（新しい順）"
                rows={result.items}
                rowKey={(i) => i.id}
                rowClassName="border-b border-solid-gray-200 last:border-b-0"
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
                  isOperator && { header: "自治体", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => i.municipality.name },
                  { header: "証明書の種類", className: TABLE_CELL_CLASS, cell: (i) => CERTIFICATE_NAMES[i.certificateType] },
                  {
                    header: "状態",
                    className: `${TABLE_CELL_CLASS} whitespace-nowrap`,
                    cell: (i) => (
                      <>
                        {ISSUANCE_STATUS_LABELS[i.status]}
                        {i.voidedAt ? <span className="ml-2 rounded-4 bg-error-1 px-2 py-0.5 text-dns-14B-120 text-white">無効</span> : null}
                      </>
                    ),
                  },
                  { header: "作成日時", className: `${TABLE_CELL_CLASS} whitespace-nowrap tabular-nums`, cell: (i) => formatJstDateTime(i.renderedAt) },
                  { header: "店舗・端末", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (i) => `${i.storeChain} / ${i.terminalId}` },
                  {
                    header: "手数料",
                    headerClassName: `${TABLE_HEADER_CLASS} text-right`,
                    className: `${TABLE_CELL_CLASS} whitespace-nowrap text-right tabular-nums`,
                    cell: (i) => `${yen.format(i.feeTotal)}円`,
                  },
                ]}
              />
              <Pagination basePath="/issuances" params={params} page={result.page} pageCount={result.pageCount} total={result.total} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
