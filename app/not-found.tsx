import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/site-header";

export const metadata: Metadata = { title: "ページが見つかりません" };

export default function NotFound() {
  return (
    <>
      <SiteHeader user={null} />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 desktop:px-6">
        <h1 className="text-std-28B-150 text-solid-gray-900">ページが見つかりません</h1>
        <p className="mt-4 text-std-16N-170">
          お探しのページは、移動または削除されたか、URLが間違っている可能性があります。
        </p>
        <p className="mt-6 text-std-16N-170">
          <Link href="/dashboard" className="text-blue-900 underline hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)]">
            ダッシュボードへ戻る
          </Link>
        </p>
      </main>
    </>
  );
}
