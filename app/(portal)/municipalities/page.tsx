import type { Metadata } from "next";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { MUNICIPALITY_KIND_LABELS, MUNICIPALITY_STATUS_LABELS } from "@/lib/schemas/municipality";
import { requireStaff } from "@/server/auth/require-staff";
import { listMunicipalities } from "@/server/municipalities/list-municipalities";

export const metadata: Metadata = { title: "自治体の管理" };

const linkClass = "text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)]";
const th = "whitespace-nowrap border-b border-solid-gray-420 px-3 py-3 text-dns-16B-130";

export default async function MunicipalitiesPage() {
  const staff = await requireStaff("operator");
  const municipalities = await listMunicipalities({ ctx: staff.ctx });

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-std-32B-150 text-solid-gray-900">自治体の管理</h1>
        <Link href="/municipalities/new" className={buttonClassName({ variant: "solid" })}>
          自治体を登録する
        </Link>
      </div>
      {municipalities.length === 0 ? (
        <p className="text-std-16N-170">登録されている自治体はありません。</p>
      ) : (
        <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label="自治体の一覧" tabIndex={0}>
          <table className="w-full border-collapse text-left text-dns-16N-130">
            <caption className="sr-only">登録されている自治体の団体コード、名称、都道府県、区分、状態、公印の有無</caption>
            <thead className="bg-solid-gray-50">
              <tr>
                <th scope="col" className={th}>団体コード</th>
                <th scope="col" className={th}>自治体名</th>
                <th scope="col" className={th}>都道府県</th>
                <th scope="col" className={th}>区分</th>
                <th scope="col" className={th}>状態</th>
                <th scope="col" className={th}>公印</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id} className="border-b border-solid-gray-200 last:border-b-0">
                  <td className="px-3 py-3 font-mono tabular-nums">{m.code}</td>
                  <th scope="row" className="whitespace-nowrap px-3 py-3 font-normal">
                    <Link href={`/municipalities/${m.code}`} className={linkClass}>
                      {m.name}
                    </Link>
                  </th>
                  <td className="whitespace-nowrap px-3 py-3">{m.prefecture}</td>
                  <td className="px-3 py-3">{MUNICIPALITY_KIND_LABELS[m.kind]}</td>
                  <td className="whitespace-nowrap px-3 py-3">{MUNICIPALITY_STATUS_LABELS[m.status]}</td>
                  <td className="whitespace-nowrap px-3 py-3">{m.hasSeal ? "登録済み" : "未登録"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
