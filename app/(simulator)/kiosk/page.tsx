import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { simulatorEnabled } from "@/server/simulator/centre";
import { Alert } from "@/components/ui/alert";
import { DEMO_MUNICIPALITIES, DEMO_WALLET } from "@/lib/simulator/demo-wallet";
import { jstDateString } from "@/lib/jst";
import { KioskSimulator } from "./_components/kiosk-simulator";

export const metadata: Metadata = { title: "キオスク・交付センター シミュレーター" };

// Public on purpose: a demo tool for staff and vendors. It reaches the data only through the signed kiosk
// API (server/simulator/centre.ts), with the fictional demo cards; there is nothing here to authorize.
export default function KioskSimulatorPage() {
  if (!simulatorEnabled()) notFound();
  return (
    <main id="main" className="flex-1 bg-solid-gray-100 px-4 py-6 desktop:px-8 desktop:py-8">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6">
        <Alert variant="warning" title="これはシミュレーターです。表示される証明書は架空のデモデータです。">
          コンビニのマルチコピー機と証明書交付センターの動きを、本番と同じ署名付きAPIを通して再現します。
        </Alert>
        <div className="flex flex-col gap-1">
          <h1 className="text-std-28B-150 text-solid-gray-900">コンビニ交付 キオスクシミュレーター</h1>
          <p className="text-std-16N-170 text-solid-gray-700">
            住民がキオスクで見る画面と、交付される証明書をそのまま確認できます。判定時刻などは画面下の「デモ設定」で変更できます。
          </p>
        </div>
        <KioskSimulator wallet={DEMO_WALLET} municipalities={DEMO_MUNICIPALITIES} today={jstDateString(new Date())} />
      </div>
    </main>
  );
}
