import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/site-header";
import { ROLE_LABELS } from "@/lib/roles";
import { getStaffSession } from "@/server/auth/require-staff";

export const metadata: Metadata = { title: "アクセス権限がありません" };

// requireStaff() redirects here when the signed-in role may not open a page.
export default async function ForbiddenPage() {
  const staff = await getStaffSession();
  return (
    <>
      <SiteHeader
        user={
          staff
            ? { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], municipalityName: staff.municipality?.name ?? null }
            : null
        }
      />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 desktop:px-6">
        <h1 className="text-std-28B-150 text-solid-gray-900">アクセス権限がありません</h1>
        <p className="mt-4 text-std-16N-170">
          このページを表示する権限がありません。必要な場合は、所属自治体の管理者にお問い合わせください。
        </p>
        <p className="mt-2 text-dns-14N-130 text-solid-gray-700">エラーコード：403</p>
        <p className="mt-6 text-std-16N-170">
          <Link
            href={staff ? "/dashboard" : "/login"}
            className="text-blue-900 underline hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)]"
          >
            {staff ? "ダッシュボードへ戻る" : "ログイン画面へ"}
          </Link>
        </p>
      </main>
    </>
  );
}
