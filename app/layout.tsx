import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "証明発行サーバ 管理ポータル", template: "%s | 証明発行サーバ 管理ポータル" },
  description: "コンビニ交付 証明発行サーバの職員向け管理ポータル",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next can only put this request's CSP nonce (proxy.ts) on the scripts
  // of a page it renders now. A page prerendered at build time would carry no nonce and its scripts would be
  // blocked (the simulator, the API page and the status page were static before).
  await connection();
  return (
    <html lang="ja">
      <body className="flex min-h-screen flex-col bg-white text-solid-gray-800">
        {/* Every page renders <main id="main">; the link lets keyboard users skip the header and menu. */}
        <a
          href="#main"
          className="sr-only rounded-8 bg-white px-4 py-2 text-std-16B-170 text-blue-900 underline focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50"
        >
          本文へスキップ
        </a>
        {children}
      </body>
    </html>
  );
}
