import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "本籍地の利用登録", template: "%s | 本籍地の利用登録（コンビニ交付）" },
  description: "コンビニ交付で本籍地の戸籍証明書を取得するための利用登録（事前登録）と受付状況の確認",
};

// Resident pages: no sign-in, no staff chrome. Each page renders <main id="main">.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto max-w-3xl px-4 py-3 desktop:px-6">
          <p className="text-std-20B-150 text-solid-gray-900">コンビニ交付 本籍地の利用登録</p>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 desktop:px-6 desktop:py-10">
        {children}
      </main>
    </>
  );
}
