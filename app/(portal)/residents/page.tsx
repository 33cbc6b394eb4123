import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { DataTable, TABLE_CELL_CLASS } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { DateField } from "@/components/form/date-fields";
import { yearsAround } from "@/lib/date-fields";
import { jstDateString } from "@/lib/jst";
import { rolesWith } from "@/lib/permissions";
import { RESIDENT_STATUS_LABELS, ZResidentSearch } from "@/lib/schemas/resident-inquiry";
import { firstParam } from "@/lib/search-params";
import { requireStaff } from "@/server/auth/require-staff";
import { RESIDENT_SEARCH_LIMIT, searchResidents } from "@/server/residents/search-residents";
import { formatWareki } from "@/lib/wareki";

export const metadata: Metadata = { title: "住民照会" };

const FIELDS = ["kana", "birthDate", "cardSerial"] as const;

// 住民照会 (docs/decisions/0013-resident-inquiry.md): the search is audited by the verb (resident.search).
export default async function ResidentSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff(...rolesWith("residents:read"));
  const raw = await searchParams;
  const params = Object.fromEntries(FIELDS.map((k) => [k, firstParam(raw[k])])) as Record<(typeof FIELDS)[number], string | undefined>;
  const asked = FIELDS.some((k) => params[k] !== undefined);
  const parsed = ZResidentSearch.safeParse(params);
  const errors = asked && !parsed.success ? parsed.error.flatten().fieldErrors : {};
  const result = asked && parsed.success ? await searchResidents({ ctx: staff.ctx, input: params }) : null;
  const today = jstDateString(new Date());

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-std-32B-150 text-solid-gray-900">住民照会</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          コンビニ交付についての問い合わせに答えるため、住民の状態、カードの電子証明書、印鑑登録、利用登録、最近の発行とお断りの理由を確認します。検索と表示は監査記録に残ります。
        </p>
      </div>

      <section aria-labelledby="search-heading" className="flex flex-col gap-4">
        <h2 id="search-heading" className="text-std-24B-150 text-solid-gray-900">
          検索条件
        </h2>
        {asked && !parsed.success ? (
          <Alert variant="error" title="検索条件に誤りがあります">
            表示された内容を確認して、もう一度検索してください。
          </Alert>
        ) : null}
        <form method="get" action="/residents" noValidate className="grid grid-cols-1 gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:grid-cols-2 desktop:p-6">
          <TextField label="フリガナ" name="kana" defaultValue={params.kana ?? ""} hint="氏名の一部で検索できます（全角・半角カタカナ、ひらがな）" autoComplete="off" error={errors.kana?.[0]} />
          <DateField label="生年月日" name="birthDate" defaultValue={params.birthDate ?? ""} years={yearsAround(today, 120, 0)} error={errors.birthDate?.[0]} />
          <TextField label="カードのシリアル番号" name="cardSerial" defaultValue={params.cardSerial ?? ""} hint="利用者証明用電子証明書のシリアル番号（完全一致）" autoComplete="off" error={errors.cardSerial?.[0]} />
          <div className="flex flex-wrap gap-4 desktop:col-span-2">
            <Button type="submit">検索</Button>
            <Link href="/residents" className={buttonClassName({ variant: "outline" })}>
              条件をクリア
            </Link>
          </div>
        </form>
      </section>

      {result ? (
        <section aria-labelledby="results-heading" className="flex flex-col gap-4">
          <h2 id="results-heading" className="text-std-24B-150 text-solid-gray-900">
            検索結果（{result.items.length}件）
          </h2>
          {result.truncated ? (
            <Alert variant="warning" title={`${RESIDENT_SEARCH_LIMIT}件を超えました`}>
              先頭の{RESIDENT_SEARCH_LIMIT}件だけを表示しています。条件を追加して絞り込んでください。
            </Alert>
          ) : null}
          <DataTable
            label="住民の検索結果の表"
            caption="検索条件に合う住民（フリガナ順）"
            rows={result.items}
            rowKey={(r) => r.id}
            rowClassName="border-b border-solid-gray-200 last:border-b-0"
            empty={<p className="text-std-16N-170">条件に合う住民はいません。</p>}
            columns={[
              {
                header: "氏名",
                rowHeader: true,
                className: `${TABLE_CELL_CLASS} font-normal`,
                cell: (r) => (
                  <Link href={`/residents/${r.id}`} className={TEXT_LINK_CLASS}>
                    {r.name}
                  </Link>
                ),
              },
              { header: "フリガナ", className: TABLE_CELL_CLASS, cell: (r) => r.kana },
              { header: "生年月日", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (r) => formatWareki(r.dateOfBirth) },
              { header: "住民番号", className: `${TABLE_CELL_CLASS} font-mono tabular-nums`, cell: (r) => r.residentNo },
              { header: "状態", className: `${TABLE_CELL_CLASS} whitespace-nowrap`, cell: (r) => RESIDENT_STATUS_LABELS[r.status] },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
