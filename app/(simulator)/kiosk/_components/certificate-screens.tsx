"use client";

import { KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import type { ScreenProps } from "./kiosk-flow";
import { NO_CERTIFICATES, yen } from "./labels";
import { OptionsForm, hasOptions } from "./options-form";
import { OrderSummary } from "./order-summary";
import { StopNoticePanel } from "./stop-notices";

// Choosing the certificate: the list, its options, the copies and the confirmation before it is issued.

/** The certificates this card may get, available or with the reason they are not. */
export function CertificatesScreen({ common, flow, on, footer }: ScreenProps) {
  const e = flow.eligibility;
  const list = e?.certificates ?? [];
  return (
    <KioskScreen {...common} title="証明書の種類を選んでください" lead={e ? `${e.municipality.name}の証明書` : undefined} footer={footer()}>
      <StopNoticePanel certificates={list} />
      {list.length === 0 ? (
        <KioskMessage tone="info" title={NO_CERTIFICATES}>
          最初に戻って、ほかのサービスをお選びください。
        </KioskMessage>
      ) : (
        <ul className="grid grid-cols-1 gap-4 desktop:grid-cols-2">
          {list.map((c) => (
            <li key={c.type}>
              {c.available ? (
                <KioskButton variant="secondary" size="xl" className="h-full w-full flex-col" onClick={() => on.chooseCertificate(c)}>
                  <span>{c.name}</span>
                  <span className="text-std-18N-160 text-solid-gray-800">1通 {yen(c.feePerCopy)}</span>
                </KioskButton>
              ) : (
                <KioskButton variant="quiet" size="xl" disabled className="h-full w-full flex-col gap-1!">
                  <span>{c.name}</span>
                  <span className="text-std-18N-160 text-solid-gray-900">{c.message}</span>
                  <span className="text-dns-14N-130 text-solid-gray-700">理由コード: {c.reason}</span>
                </KioskButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </KioskScreen>
  );
}

/** What the certificate shows (household members, 本籍, 個人番号, fiscal year, …). */
export function OptionsScreen({ common, flow, on, footer, back, cert }: ScreenProps) {
  if (!cert) return null;
  return (
    <KioskScreen
      {...common}
      title={`${cert.name}の記載内容を選んでください`}
      footer={footer(
        <>
          {back({ name: "certificates" })}
          <KioskButton size="md" onClick={on.confirmOptions}>
            次へ
          </KioskButton>
        </>,
      )}
    >
      <OptionsForm cert={cert} eligibility={flow.eligibility} draft={flow.draft} onChange={on.setDraft} />
      {flow.draftError ? <KioskMessage tone="error">{flow.draftError}</KioskMessage> : null}
    </KioskScreen>
  );
}

/** The number of copies, up to the certificate's limit. */
export function CopiesScreen({ common, flow, on, footer, back, cert }: ScreenProps) {
  if (!cert) return null;
  return (
    <KioskScreen
      {...common}
      title="部数を選んでください"
      lead={`${cert.name}（1通 ${yen(cert.feePerCopy)}）`}
      footer={footer(
        <>
          {back({ name: hasOptions(cert, flow.eligibility) ? "options" : "certificates" })}
          <KioskButton size="md" onClick={() => on.go({ name: "confirm" })}>
            次へ
          </KioskButton>
        </>,
      )}
    >
      <div className="flex flex-col items-center gap-4">
        <div className="flex items-center gap-6">
          <KioskButton variant="secondary" size="xl" className="w-24 text-std-45B-140" aria-label="1通減らす" disabled={flow.copies <= 1} onClick={() => on.patch({ copies: flow.copies - 1 })}>
            −
          </KioskButton>
          <p className="min-w-40 text-center text-std-45B-140 text-solid-gray-900" aria-live="polite">
            <span className="sr-only">部数 </span>
            {flow.copies}通
          </p>
          <KioskButton
            variant="secondary"
            size="xl"
            className="w-24 text-std-45B-140"
            aria-label="1通増やす"
            disabled={flow.copies >= cert.copyLimit}
            onClick={() => on.patch({ copies: flow.copies + 1 })}
          >
            ＋
          </KioskButton>
        </div>
        <p className="text-std-20N-150 text-solid-gray-800">1〜{cert.copyLimit}通まで選べます。</p>
      </div>
    </KioskScreen>
  );
}

/** The order before the PDF is rendered. */
export function ConfirmScreen({ common, flow, on, footer, back, cert }: ScreenProps) {
  if (!cert) return null;
  return (
    <KioskScreen
      {...common}
      title="内容を確認してください"
      lead="よろしければ「発行する」を押してください。証明書を作成した後、お支払いの画面になります。"
      footer={footer(back({ name: "copies" }))}
    >
      <OrderSummary cert={cert} eligibility={flow.eligibility} draft={flow.draft} copies={flow.copies} />
      <div className="grid grid-cols-2 gap-4">
        <KioskButton size="xl" onClick={on.issue}>
          発行する
        </KioskButton>
        <KioskButton variant="secondary" size="xl" onClick={() => on.go({ name: "certificates" })}>
          やめる
        </KioskButton>
      </div>
    </KioskScreen>
  );
}
