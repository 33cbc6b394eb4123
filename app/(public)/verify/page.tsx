import type { Metadata } from "next";
import { firstParam } from "@/lib/search-params";
import { VerifyForm } from "./_components/verify-form";

export const metadata: Metadata = { title: { absolute: "証明書の確認 | コンビニ交付" } };

// The address a certificate's QR code carries: /verify?no=<発行番号>&code=<照合番号>. The numbers only fill the
// form; the lookup runs when the button is pressed, because every lookup is counted by the rate limit and
// written to the audit log, which link previews and prefetching must not do (docs/verify.md).
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const clip = (v: string | undefined) => (v ?? "").slice(0, 40);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-3">
        <h1 className="text-std-32B-150 text-solid-gray-900">コンビニ交付の証明書の確認</h1>
        <p className="text-std-16N-170">
          コンビニエンスストアで交付された証明書の各ページには、発行番号と照合番号、この確認ページのQRコードが印字されています。
          二つの番号を入力すると、その証明書が発行されたものかどうか、市区町村により無効とされていないかを確認できます。
        </p>
        <p className="text-std-16N-170">
          確認結果には、証明書の種類・発行した市区町村・発行日時・ページ数だけが表示されます。氏名や住所などの記載内容は表示されません。
          お手元の証明書の記載と見比べてください。続けて何度も確認すると、しばらくの間確認できなくなります。
        </p>
      </div>
      <VerifyForm defaults={{ issuanceNo: clip(firstParam(params.no)), code: clip(firstParam(params.code)) }} />
    </div>
  );
}
