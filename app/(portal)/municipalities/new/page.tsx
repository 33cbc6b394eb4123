import type { Metadata } from "next";
import Link from "next/link";
import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";
import { MunicipalityForm } from "../_components/municipality-form";

export const metadata: Metadata = { title: "自治体の登録" };

export default async function NewMunicipalityPage() {
  await requireStaff(...rolesWith("municipalities:manage"));
  return (
    <div className="flex flex-col gap-8">
      <p className="text-std-16N-170">
        <Link href="/municipalities" className={TEXT_LINK_CLASS}>
          自治体の管理
        </Link>
        <span aria-hidden="true"> ＞ </span>自治体の登録
      </p>
      <h1 className="text-std-32B-150 text-solid-gray-900">自治体の登録</h1>
      <p className="text-std-16N-170 text-solid-gray-800">
        登録した自治体は「準備中」になります。9種類の証明書はすべて「提供しない」で作成されるので、自治体の管理者が提供する証明書を設定してから稼働させてください。
      </p>
      <div className="max-w-2xl">
        <MunicipalityForm mode="create" />
      </div>
    </div>
  );
}
