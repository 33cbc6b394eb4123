"use client";

import type { ReactNode } from "react";
import type { IssuanceResponseWire, KosekiRegistrationResponseWire } from "@/lib/schemas/kiosk-responses";
import type { KioskEligibility } from "../actions";
import type { Municipality, PlacedCard } from "./card-picker";
import { KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import { CANCELLED, NO_CERTIFICATES, PIN_LOCKED, PIN_WRONG, kioskErrorMessage, yen } from "./labels";
import { OptionsForm, hasOptions, type Available, type OptionsDraft } from "./options-form";
import { OrderSummary } from "./order-summary";
import { PinPad } from "./pin-pad";
import {
  RegistrationConsentScreen,
  RegistrationDoneScreen,
  RegistrationFormScreen,
  RegistrationRefusedScreen,
  type RegistrationDraft,
  type RegistrationRefused,
} from "./registration-screens";

export type Screen =
  | { name: "top" }
  | { name: "purpose" }
  | { name: "honseki-municipality" }
  | { name: "card" }
  | { name: "pin" }
  | { name: "certificates" }
  | { name: "options" }
  | { name: "copies" }
  | { name: "confirm" }
  | { name: "payment" }
  | { name: "printed" }
  | { name: "cancelled" }
  | { name: "registration-form" }
  | { name: "registration-consent" }
  | { name: "registration-done" }
  | { name: "registration-refused"; refused: RegistrationRefused }
  | { name: "refused"; code: string; message: string }
  | { name: "error"; code: string; retry: "eligibility" | "issue" | "printed" | "cancelled" | null };

/** What the kiosk has gathered in this transaction. */
export type Flow = {
  /** registration: the 本籍地 利用登録 (no certificate is issued in this transaction). */
  purpose: "residence" | "honseki" | "registration";
  honseki: Municipality | null;
  card: PlacedCard | null;
  sessionId: string | null;
  pin: string;
  pinState: { kind: "idle" } | { kind: "wrong"; remaining: number } | { kind: "locked" } | { kind: "unlocked" };
  eligibility: KioskEligibility | null;
  cert: Available | null;
  draft: OptionsDraft;
  draftError: string | null;
  copies: number;
  /** Rendered and not yet completed (paid or cancelled). */
  issuance: IssuanceResponseWire | null;
  printout: { url: string; issuanceNo: string; pageCount: number; copies: number; feeTotal: number; name: string } | null;
  registration: RegistrationDraft;
  registrationResult: KosekiRegistrationResponseWire | null;
};

export type ScreenHandlers = {
  restart: () => void;
  go: (screen: Screen) => void;
  patch: (p: Partial<Flow>) => void;
  submitPin: () => void;
  unlockPin: () => void;
  chooseCertificate: (cert: Available) => void;
  setDraft: (draft: OptionsDraft) => void;
  confirmOptions: () => void;
  issue: () => void;
  pay: () => void;
  cancel: () => void;
  retry: (what: Extract<Screen, { name: "error" }>["retry"]) => void;
  backToCertificates: () => void;
  setRegistration: (draft: RegistrationDraft) => void;
  applyRegistration: () => void;
};

function Footer({ restart, children }: { restart?: () => void; children?: ReactNode }) {
  return (
    <>
      {restart ? (
        <KioskButton variant="quiet" size="md" onClick={restart}>
          最初に戻る
        </KioskButton>
      ) : (
        <span />
      )}
      <div className="flex flex-wrap gap-3">{children}</div>
    </>
  );
}

const StaffNote = ({ children }: { children: ReactNode }) => <p className="text-dns-14N-130 text-solid-gray-700">{children}</p>;

export function KioskScreens({
  screen,
  flow,
  focusHeading,
  municipalities,
  cardPicker,
  on,
}: {
  screen: Screen;
  flow: Flow;
  focusHeading: boolean;
  municipalities: readonly Municipality[];
  cardPicker: ReactNode;
  on: ScreenHandlers;
}) {
  const common = { focusHeading };
  const footer = (children?: ReactNode) => <Footer restart={on.restart}>{children}</Footer>;
  const back = (to: Screen) => (
    <KioskButton variant="secondary" size="md" onClick={() => on.go(to)}>
      戻る
    </KioskButton>
  );
  const cert = flow.cert;

  switch (screen.name) {
    case "top":
      return (
        <KioskScreen {...common} title="サービスを選んでください" lead="画面にタッチしてください。">
          <div className="grid grid-cols-1 gap-4 desktop:grid-cols-2">
            <KioskButton size="xl" className="min-h-40 flex-col" onClick={() => on.go({ name: "purpose" })}>
              <span className="text-std-36B-140">行政サービス</span>
              <span className="text-std-18N-160">住民票の写し・印鑑登録証明書など</span>
            </KioskButton>
            <div className="grid grid-cols-1 gap-4">
              {["コピー", "プリント", "写真プリント"].map((label) => (
                <KioskButton key={label} variant="quiet" size="lg" disabled className="justify-between!">
                  <span>{label}</span>
                  <span className="text-std-16N-170">シミュレーターでは使えません</span>
                </KioskButton>
              ))}
            </div>
          </div>
        </KioskScreen>
      );

    case "purpose":
      return (
        <KioskScreen {...common} title="行政サービス" lead="取得する証明書を選んでください。" footer={footer()}>
          <div className="grid grid-cols-1 gap-4 desktop:grid-cols-2">
            <KioskButton
              variant="secondary"
              size="xl"
              className="min-h-40 flex-col"
              onClick={() => {
                on.patch({ purpose: "residence", honseki: null });
                on.go({ name: "card" });
              }}
            >
              <span className="text-std-28B-150">お住まいの市区町村の証明書</span>
              <span className="text-std-18N-160 text-solid-gray-800">住民票の写し・印鑑登録証明書・税の証明書など</span>
            </KioskButton>
            <KioskButton
              variant="secondary"
              size="xl"
              className="min-h-40 flex-col"
              onClick={() => {
                on.patch({ purpose: "honseki" });
                on.go({ name: "honseki-municipality" });
              }}
            >
              <span className="text-std-28B-150">本籍地の証明書</span>
              <span className="text-std-18N-160 text-solid-gray-800">戸籍証明書・戸籍の附票の写し</span>
            </KioskButton>
            <KioskButton
              variant="secondary"
              size="lg"
              className="flex-col desktop:col-span-2"
              onClick={() => {
                on.patch({ purpose: "registration", honseki: null });
                on.go({ name: "card" });
              }}
            >
              <span className="text-std-24B-150">本籍地の利用登録の申請</span>
              <span className="text-std-18N-160 text-solid-gray-800">お住まいと本籍地が異なる方が、戸籍証明書などを取得する前に行う申請</span>
            </KioskButton>
          </div>
        </KioskScreen>
      );

    case "honseki-municipality":
      return (
        <KioskScreen {...common} title="本籍地の市区町村を選んでください" footer={footer(back({ name: "purpose" }))}>
          <div className="grid grid-cols-1 gap-4 desktop:grid-cols-3">
            {municipalities.map((m) => (
              <KioskButton
                key={m.code}
                variant="secondary"
                size="xl"
                className="flex-col"
                onClick={() => {
                  on.patch({ honseki: m });
                  on.go({ name: "card" });
                }}
              >
                <span>{m.name}</span>
                <span className="text-std-16N-170 text-solid-gray-800">団体コード {m.code}</span>
              </KioskButton>
            ))}
          </div>
        </KioskScreen>
      );

    case "card":
      return (
        <KioskScreen
          {...common}
          title="カードを置いてください"
          lead={
            <>
              マイナンバーカードを読み取り部に置いてください。
              {flow.honseki ? `（本籍地：${flow.honseki.name}）` : null}
              {flow.purpose === "registration" ? "（本籍地の利用登録の申請）" : null}
              <StaffNote>シミュレーターでは、置くカードを下のカード入れから選ぶか、シリアル番号を入力します。</StaffNote>
            </>
          }
          footer={footer(back({ name: flow.purpose === "honseki" ? "honseki-municipality" : "purpose" }))}
        >
          {cardPicker}
        </KioskScreen>
      );

    case "pin": {
      const s = flow.pinState;
      return (
        <KioskScreen
          {...common}
          title="暗証番号を入力してください"
          lead={
            <>
              利用者証明用電子証明書の暗証番号（数字4桁）を入力し、「確認」を押してください。
              <StaffNote>（デモ）すべてのデモカードの暗証番号は 1234 です。</StaffNote>
            </>
          }
          footer={footer()}
        >
          {s.kind === "wrong" ? <KioskMessage tone="error">{PIN_WRONG(s.remaining)}</KioskMessage> : null}
          {s.kind === "locked" ? (
            <div className="flex flex-col items-start gap-3">
              <KioskMessage tone="error">{PIN_LOCKED}</KioskMessage>
              <KioskButton variant="quiet" size="md" onClick={on.unlockPin}>
                （デモ）ロック解除
              </KioskButton>
            </div>
          ) : null}
          {s.kind === "unlocked" ? <KioskMessage tone="info">（デモ）ロックを解除しました。暗証番号を入力してください。</KioskMessage> : null}
          <PinPad value={flow.pin} disabled={s.kind === "locked"} onChange={(pin) => on.patch({ pin })} onSubmit={on.submitPin} />
        </KioskScreen>
      );
    }

    case "certificates": {
      const e = flow.eligibility;
      const list = e?.certificates ?? [];
      return (
        <KioskScreen {...common} title="証明書の種類を選んでください" lead={e ? `${e.municipality.name}の証明書` : undefined} footer={footer()}>
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

    case "options":
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

    case "copies":
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

    case "confirm":
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

    case "payment": {
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

    case "printed": {
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
        </KioskScreen>
      );
    }

    case "cancelled":
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

    case "registration-form":
      return (
        <RegistrationFormScreen
          {...common}
          municipalities={municipalities}
          draft={flow.registration}
          onChange={on.setRegistration}
          onNext={() => on.go({ name: "registration-consent" })}
          footer={footer}
        />
      );

    case "registration-consent":
      return (
        <RegistrationConsentScreen
          {...common}
          municipalities={municipalities}
          draft={flow.registration}
          onApply={on.applyRegistration}
          onBack={() => on.go({ name: "registration-form" })}
          footer={footer}
        />
      );

    case "registration-done":
      if (!flow.registrationResult) return null;
      return <RegistrationDoneScreen {...common} result={flow.registrationResult} onFinish={on.restart} footer={footer} />;

    case "registration-refused":
      return <RegistrationRefusedScreen {...common} refused={screen.refused} onBack={() => on.go({ name: "registration-form" })} footer={footer} />;

    case "refused":
      return (
        <KioskScreen
          {...common}
          title={flow.purpose === "registration" ? "利用登録の申請を受け付けできませんでした" : "この証明書は発行できません"}
          footer={footer(
            flow.sessionId && flow.purpose !== "registration" ? (
              <KioskButton variant="secondary" size="md" onClick={on.backToCertificates}>
                証明書の種類に戻る
              </KioskButton>
            ) : null,
          )}
        >
          <KioskMessage tone="error">{screen.message}</KioskMessage>
          <StaffNote>理由コード: {screen.code}</StaffNote>
        </KioskScreen>
      );

    case "error": {
      const retry = screen.retry;
      return (
        <KioskScreen
          {...common}
          title="エラーが発生しました"
          footer={footer(
            retry ? (
              <KioskButton size="md" onClick={() => on.retry(retry)}>
                もう一度試す
              </KioskButton>
            ) : null,
          )}
        >
          <KioskMessage tone="error">{kioskErrorMessage(screen.code)}</KioskMessage>
          <StaffNote>エラーコード: {screen.code}</StaffNote>
        </KioskScreen>
      );
    }
  }
}
