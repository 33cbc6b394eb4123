import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "本籍地の利用登録", template: "%s | 本籍地の利用登録（コンビニ交付）" },
  description: "コンビニ交付で本籍地の戸籍証明書を取得するための利用登録（事前登録）と受付状況の確認",
};

export default function KosekiRegistrationLayout({ children }: { children: ReactNode }) {
  return children;
}
