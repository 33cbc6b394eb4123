"use client";

import { TEXT_LINK_CLASS } from "@/components/ui/text-link";
import { KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import type { ScreenProps } from "./kiosk-flow";
import { CANCELLED, yen } from "./labels";
import { StaffNote } from "./staff-note";

// After the issuance: payment, the printout or the cancel, and the screens of a refusal or an error.

/** Payment of the rendered certificate, or its cancel. */
export function PaymentScreen({ common, flow, on, footer, cert }: ScreenProps) {
  const i = flow.issuance;
  if (!i) return null;
  return (
    <KioskScreen {...common} title="お支払い" footer={footer()}>
      <div className="flex flex-col items-center gap-3 rounded-12 border-2 border-blue-900 bg-blue-50 p-6 text-center">
        <p className="text-std-45B-140 text-blue-1000">{`お支払い ${yen(i.feeTotal)}`}</p>
        <p className="text-std-20N-150 text-solid-gray-900">
          {cert?.name} {i.copies}通（{yen(i.feePerCopy)} × {i.copies}通）
        </p>
      </div>
      <p className="text-std-20N-150 text-solid-gray-800">
        料金を入れてから「支払って印刷する」を押してください。取り消すと手数料はかかりません。
      </p>
      <StaffNote>シミュレーターでは実際のお支払いはありません。証明書のPDFはお支払いの前に作成済みです。</StaffNote>
      <div className="grid grid-cols-2 gap-4">
        <KioskButton size="xl" onClick={on.pay}>
          支払って印刷する
        </KioskButton>
        <KioskButton variant="secondary" size="xl" onClick={on.cancel}>
          取り消す
        </KioskButton>
      </div>
    </KioskScreen>
  );
}

/** The printout (the PDF in a frame). */
export function PrintedScreen({ common, flow, on, footer }: ScreenProps) {
  const p = flow.printout;
  if (!p) return null;
  const finish = (
    <KioskButton size="md" onClick={on.restart}>
      終了
    </KioskButton>
  );
  return (
    <KioskScreen {...common} title="証明書を印刷しました" lead="印刷された証明書とカードをお取りください。" footer={footer(finish)}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-8 gap-y-1 text-std-20N-150">
        <dt className="font-bold">証明書</dt>
        <dd>{p.name}</dd>
        <dt className="font-bold">発行番号</dt>
        <dd className="font-mono" data-testid="issuance-no">
          {p.issuanceNo}
        </dd>
        <dt className="font-bold">ページ数</dt>
        <dd>
          {p.pageCount}ページ × {p.copies}通
        </dd>
        <dt className="font-bold">手数料</dt>
        <dd>{yen(p.feeTotal)}</dd>
      </dl>
      <iframe title="印刷された証明書" src={p.url} className="h-[720px] w-full rounded-8 border border-solid-gray-420 bg-solid-gray-50" />
      {/* Not on a real terminal: lets whoever tries the demo keep the printout, e.g. to scan its QR code (/verify). */}
      <p className="text-std-16N-170">
        <a href={p.url} download={`${p.issuanceNo}.pdf`} className={TEXT_LINK_CLASS}>
          印刷された証明書をPDFで保存（シミュレーターのみ）
        </a>
      </p>
    </KioskScreen>
  );
}

/** The issuance was cancelled; nothing is charged. */
export function CancelledScreen({ common, on, footer }: ScreenProps) {
  return (
    <KioskScreen
      {...common}
      title="発行を取り消しました"
      footer={footer(
        <KioskButton size="md" onClick={on.restart}>
          終了
        </KioskButton>,
      )}
    >
      <KioskMessage tone="success">{CANCELLED}</KioskMessage>
    </KioskScreen>
  );
}
