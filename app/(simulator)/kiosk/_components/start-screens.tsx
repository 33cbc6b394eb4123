"use client";

import { KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import type { ScreenProps } from "./kiosk-flow";
import { PIN_LOCKED, PIN_WRONG } from "./labels";
import { PinPad } from "./pin-pad";
import { StaffNote } from "./staff-note";

// The screens before the certificate list: the service menu, the purpose, the 本籍地, the card and the PIN.

/** The machine's service menu. */
export function TopScreen({ common, on }: ScreenProps) {
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
}

/** Residence certificates, 本籍地 certificates or the 本籍地 利用登録. */
export function PurposeScreen({ common, on, footer }: ScreenProps) {
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
}

/** The 本籍地 municipality of a 本籍地 certificate. */
export function HonsekiMunicipalityScreen({ common, on, footer, back, municipalities }: ScreenProps) {
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
}

/** The card is placed on the reader. */
export function CardScreen({ common, flow, footer, back, cardPicker }: ScreenProps) {
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
}

/** The PIN of the card's 利用者証明用電子証明書. */
export function PinScreen({ common, flow, on, footer }: ScreenProps) {
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
