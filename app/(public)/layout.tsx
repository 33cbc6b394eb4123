import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "コンビニ交付", template: "%s | コンビニ交付" },
  description: "コンビニ交付の本籍地の利用登録（事前登録）、受付状況の確認、交付された証明書の確認",
};

// Public pages (本籍地の利用登録, certificate verification): no sign-in, no staff chrome. Each page renders its
// content inside <main id="main">.
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto max-w-3xl px-4 py-3 desktop:px-6">
          <p className="text-std-20B-150 text-solid-gray-900">コンビニ交付</p>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 desktop:px-6 desktop:py-10">
        {children}
      </main>
    </>
  );
}
