import type { Metadata } from "next";
import Link from "next/link";
import { listIntakeMunicipalities } from "@/server/koseki-registration/list-intake-municipalities";
import { PreRegistrationForm } from "./_components/pre-registration-form";

export const metadata: Metadata = { title: "利用登録（事前登録）" };
export const dynamic = "force-dynamic";

export default async function PreRegistrationPage() {
  const municipalities = await listIntakeMunicipalities();
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-std-32B-150 text-solid-gray-900">本籍地の利用登録（事前登録）</h1>
        <p className="text-std-16N-170">
          お住まいの市区町村と本籍地が異なる方が、コンビニエンスストアで本籍地の戸籍証明書・戸籍の附票の写しを取得するには、本籍地の市区町村への利用登録が必要です。
          ここで事前登録をすると受付番号をお知らせします。その後、マルチコピー機でマイナンバーカードを使って申請し、受付番号を入力すると申請が完了します。
        </p>
        <p className="text-std-16N-170">
          <Link href="/koseki-registration/status" className="text-blue-900 underline">
            受付状況の確認はこちら
          </Link>
        </p>
        {municipalities.length ? (
          <nav aria-labelledby="municipality-pages-heading" className="flex flex-col gap-1">
            <h2 id="municipality-pages-heading" className="text-std-16B-170">
              市区町村ごとの案内（取得できる証明書・手数料・利用時間・停止のお知らせ）
            </h2>
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-std-16N-170">
              {municipalities.map((m) => (
                <li key={m.code}>
                  <Link href={`/m/${m.code}`} className="text-blue-900 underline">
                    {m.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
      <PreRegistrationForm municipalities={municipalities} />
    </div>
  );
}
