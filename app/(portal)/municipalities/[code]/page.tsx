import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { Alert } from "@/components/ui/alert";
import { isValidMunicipalityCode } from "@/lib/municipality-code";
import { MUNICIPALITY_KIND_LABELS, MUNICIPALITY_STATUS_LABELS, type MunicipalityFormInput } from "@/lib/schemas/municipality";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { isAppError } from "@/server/errors";
import { getMunicipality } from "@/server/municipalities/get-municipality";
import { MunicipalityForm } from "../_components/municipality-form";
import { SealUpload } from "../_components/seal-upload";
import { StatusForm } from "../_components/status-form";

export const metadata: Metadata = { title: "自治体の詳細" };

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MunicipalityPage({ params, searchParams }: Props) {
  const staff = await requireStaff(...rolesWith("municipalities:manage"));
  const { code } = await params;
  if (!isValidMunicipalityCode(code)) notFound();
  const m = await getMunicipality({ ctx: staff.ctx, input: { code } }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const created = (await searchParams).created === "1";
  const { hasSeal, status, updatedAt } = m;
  const formValues: MunicipalityFormInput = {
    code: m.code,
    name: m.name,
    nameKana: m.nameKana,
    // A prefecture outside the list (legacy data) shows as unselected and must be chosen again.
    prefecture: m.prefecture as MunicipalityFormInput["prefecture"],
    kind: m.kind,
    mayorTitle: m.mayorTitle,
    mayorName: m.mayorName,
  };

  return (
    <div className="flex flex-col gap-10">
      <div className="flex flex-col gap-4">
        <p className="text-std-16N-170">
          <Link href="/municipalities" className={TEXT_LINK_CLASS}>
            自治体の管理
          </Link>
          <span aria-hidden="true"> ＞ </span>
          {m.name}
        </p>
        <h1 className="text-std-32B-150 text-solid-gray-900">{m.name}</h1>
        <p className="text-std-16N-170 text-solid-gray-700">
          {m.prefecture}・{MUNICIPALITY_KIND_LABELS[m.kind]}・団体コード {m.code}・{MUNICIPALITY_STATUS_LABELS[status]}
        </p>
        {created ? (
          <Alert variant="success" role="status" title="自治体を登録しました">
            9種類の証明書は「提供しない」で作成されました。公印を登録し、自治体の管理者に提供する証明書を設定してもらってください。
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="seal-heading" className="flex flex-col gap-4">
        <h2 id="seal-heading" className="text-std-24B-150 text-solid-gray-900">
          公印
        </h2>
        {hasSeal ? (
          // eslint-disable-next-line @next/next/no-img-element -- a private, per-session image route; next/image would cache it
          <img
            src={`/municipalities/${m.code}/seal?v=${encodeURIComponent(updatedAt)}`}
            alt={`${m.name}の公印`}
            className="size-40 rounded-8 border border-solid-gray-420 bg-white object-contain p-2"
          />
        ) : (
          <p className="text-std-16N-170 text-solid-gray-800">公印の画像は未登録です。証明書を発行するには登録が必要です。</p>
        )}
        <SealUpload code={m.code} />
        <p className="text-std-16N-170 text-solid-gray-800">
          ここでの登録は本日から適用されます。市区町村長の交代や、日付を指定した公印の切り替え、これまでの履歴は
          <Link href={`/mayor-and-seal?municipality=${m.code}`} className={TEXT_LINK_CLASS}>
            市区町村長と公印
          </Link>
          の画面で扱います。
        </p>
      </section>

      <section aria-labelledby="status-heading" className="flex max-w-2xl flex-col gap-4">
        <h2 id="status-heading" className="text-std-24B-150 text-solid-gray-900">
          稼働状態
        </h2>
        <p className="text-std-16N-170 text-solid-gray-800">「稼働中」の自治体だけがコンビニ交付の対象になります。「停止中」にすると、すべての証明書の発行を止めます。</p>
        {hasSeal ? null : <p className="text-std-16N-170 text-solid-gray-800">公印の画像を登録するまで「稼働中」にはできません。</p>}
        <StatusForm code={m.code} status={status} />
      </section>

      <section aria-labelledby="basic-heading" className="flex max-w-2xl flex-col gap-4">
        <h2 id="basic-heading" className="text-std-24B-150 text-solid-gray-900">
          基本情報
        </h2>
        <MunicipalityForm mode="edit" defaultValues={formValues} />
      </section>
    </div>
  );
}
