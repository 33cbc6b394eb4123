"use client";

import { KioskButton, KioskMessage, KioskScreen } from "./kiosk-ui";
import type { Screen, ScreenProps } from "./kiosk-flow";
import { kioskErrorMessage } from "./labels";
import { StaffNote } from "./staff-note";
import { StopNoticePanel } from "./stop-notices";

// A refusal (the resident may not get the certificate) and an error (the machine or the centre failed).

/** A refusal with its reason code. */
export function RefusedScreen({ common, flow, on, footer, screen }: ScreenProps & { screen: Extract<Screen, { name: "refused" }> }) {
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
      {/* The お知らせ of the certificate asked for, from the eligibility answer (a stop may have started since). */}
      <StopNoticePanel certificates={flow.eligibility?.certificates.filter((c) => c.type === flow.cert?.type) ?? []} showTypes={false} />
      <StaffNote>理由コード: {screen.code}</StaffNote>
    </KioskScreen>
  );
}

/** An error, with a retry when the failed step may be repeated. */
export function ErrorScreen({ common, on, footer, screen }: ScreenProps & { screen: Extract<Screen, { name: "error" }> }) {
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
