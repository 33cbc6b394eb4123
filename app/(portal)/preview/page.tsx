import type { Metadata } from "next";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { CERTIFICATE_NAMES, CERTIFICATE_TYPES, type CertificateTypeId } from "@/lib/certificate-types";
import { can } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { listPreviewMunicipalities } from "@/server/certificates/preview-certificate";
import { SelectField } from "@/components/ui/select-field";

export const metadata: Metadata = { title: "証明書の見本" };

const TYPE_OPTIONS = CERTIFICATE_TYPES.map((t) => ({ value: t, label: CERTIFICATE_NAMES[t] }));
const isCertificateType = (v: unknown): v is CertificateTypeId => typeof v === "string" && (CERTIFICATE_TYPES as readonly string[]).includes(v);

// The PDF itself comes from /preview/pdf, which authorizes again (session + municipality) on every request.
export default async function PreviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff();
  const municipalities = await listPreviewMunicipalities({ ctx: staff.ctx });
  const params = await searchParams;
  const isOperator = can(staff.role, "all-municipalities");

  const type: CertificateTypeId = isCertificateType(params.type) ? params.type : "residence";
  // Only the operator chooses; everyone else always sees their own municipality, whatever the URL says.
  const requested = isOperator && typeof params.municipality === "string" ? params.municipality : null;
  const unknownMunicipality = requested !== null && !municipalities.some((m) => m.code === requested);
  const municipality = municipalities.find((m) => m.code === requested) ?? municipalities[0] ?? null;

  const query = municipality ? new URLSearchParams({ municipality: municipality.code, type }).toString() : "";
  const pdfUrl = `/preview/pdf?${query}`;
  const setUrl = municipality ? `/preview/set?${new URLSearchParams({ municipality: municipality.code }).toString()}` : "";

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-4">
        <h1 className="text-std-32B-150 text-solid-gray-900">証明書の見本</h1>
        <p className="text-std-16N-170 text-solid-gray-800">
          コンビニ交付で発行される証明書を、発行と同じ様式で確認できます。見本は架空の住民（世帯主 山川 一郎 さんの世帯）のデータで作成し、自治体の実際の市区町村長の職名・氏名、公印および認証文を使います。
        </p>
        <p className="text-std-16N-170 text-solid-gray-800">
          各ページに「見本」の透かしが入り、発行番号は見本用の番号（SAMPLE）です。見本の表示とダウンロードは監査記録に残ります。
        </p>
      </div>

      {unknownMunicipality ? (
        <Alert variant="warning" title="指定された自治体が見つかりません">
          団体コード {requested} の自治体は登録されていません。一覧から選び直してください。
        </Alert>
      ) : null}

      {municipality === null ? (
        <Alert variant="info" title="自治体が登録されていません">
          見本を表示できる自治体がありません。
        </Alert>
      ) : (
        <>
          <section aria-labelledby="choose-heading" className="flex flex-col gap-4">
            <h2 id="choose-heading" className="text-std-24B-150 text-solid-gray-900">
              表示する見本を選ぶ
            </h2>
            <form method="get" action="/preview" className="flex flex-col gap-6 rounded-8 border border-solid-gray-420 p-4 desktop:p-6">
              {isOperator ? (
                <SelectField
                  label="自治体"
                  name="municipality"
                  defaultValue={municipality.code}
                  options={municipalities.map((m) => ({ value: m.code, label: `${m.prefecture} ${m.name}（${m.code}）` }))}
                />
              ) : (
                <dl className="flex flex-col gap-1">
                  <dt className="text-std-17B-170 text-solid-gray-800">自治体</dt>
                  <dd className="text-std-16N-170 text-solid-gray-800">
                    {municipality.prefecture} {municipality.name}（地方公共団体コード {municipality.code}）
                  </dd>
                </dl>
              )}
              <SelectField label="証明書の種類" name="type" defaultValue={type} options={TYPE_OPTIONS} />
              <div>
                <Button type="submit">見本を表示</Button>
              </div>
            </form>
          </section>

          <section aria-labelledby="pdf-heading" className="flex flex-col gap-4">
            <h2 id="pdf-heading" className="text-std-24B-150 text-solid-gray-900">
              {municipality.name}の{CERTIFICATE_NAMES[type]}（見本）
            </h2>
            <p className="text-std-16N-170 text-solid-gray-800">
              署名欄：{municipality.mayorTitle}　{municipality.mayorName}
            </p>
            <iframe
              key={query}
              title="証明書の見本（PDF）"
              src={pdfUrl}
              className="h-[75vh] min-h-[480px] w-full rounded-8 border border-solid-gray-420 bg-solid-gray-50"
            />
            <p className="text-std-16N-170">
              PDFが表示されない場合は、
              <a href={pdfUrl} target="_blank" rel="noopener" className={TEXT_LINK_CLASS}>
                見本PDFを新しいタブで開く
              </a>
              から確認してください。
            </p>
          </section>

          <section aria-labelledby="download-heading" className="flex flex-col gap-4">
            <h2 id="download-heading" className="text-std-24B-150 text-solid-gray-900">
              公開用の見本PDF
            </h2>
            <p className="text-std-16N-170 text-solid-gray-800">
              {municipality.name}の全{CERTIFICATE_TYPES.length}種類の証明書の見本PDFをまとめてダウンロードできます。自治体のウェブサイトでの案内にお使いください。
            </p>
            <div>
              <a href={setUrl} download className={buttonClassName({ variant: "outline" })}>
                見本PDFを一括ダウンロード（ZIP）
              </a>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
