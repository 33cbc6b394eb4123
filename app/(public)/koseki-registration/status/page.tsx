import type { Metadata } from "next";
import Link from "next/link";
import { StatusLookupForm } from "../_components/status-lookup-form";

export const metadata: Metadata = { title: "受付状況の確認" };

export default function RegistrationStatusPage() {
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-std-32B-150 text-solid-gray-900">利用登録の受付状況の確認</h1>
        <p className="text-std-16N-170">
          事前登録またはマルチコピー機での申請でお知らせした受付番号と、申請した方の生年月日を入力してください。続けて何度も確認すると、しばらくの間確認できなくなります。
        </p>
        <p className="text-std-16N-170">
          <Link href="/koseki-registration" className="text-blue-900 underline">
            利用登録（事前登録）はこちら
          </Link>
        </p>
      </div>
      <StatusLookupForm />
    </div>
  );
}
