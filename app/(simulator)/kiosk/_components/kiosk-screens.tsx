"use client";

import type { ReactNode } from "react";
import { CertificatesScreen, ConfirmScreen, CopiesScreen, OptionsScreen } from "./certificate-screens";
import type { Flow, Screen, ScreenHandlers, ScreenProps } from "./kiosk-flow";
import type { Municipality } from "./card-picker";
import { KioskButton } from "./kiosk-ui";
import { ErrorScreen, RefusedScreen } from "./outcome-screens";
import { CancelledScreen, PaymentScreen, PrintedScreen } from "./payment-screens";
import { RegistrationConsentScreen, RegistrationDoneScreen, RegistrationFormScreen, RegistrationRefusedScreen } from "./registration-screens";
import { CardScreen, HonsekiMunicipalityScreen, PinScreen, PurposeScreen, TopScreen } from "./start-screens";

// Picks the component of the current screen; the screens themselves live in one file per flow.

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

  const p: ScreenProps = { common, flow, cert, municipalities, cardPicker, on, footer, back };

  switch (screen.name) {
    case "top":
      return <TopScreen {...p} />;
    case "purpose":
      return <PurposeScreen {...p} />;
    case "honseki-municipality":
      return <HonsekiMunicipalityScreen {...p} />;
    case "card":
      return <CardScreen {...p} />;
    case "pin":
      return <PinScreen {...p} />;
    case "certificates":
      return <CertificatesScreen {...p} />;
    case "options":
      return <OptionsScreen {...p} />;
    case "copies":
      return <CopiesScreen {...p} />;
    case "confirm":
      return <ConfirmScreen {...p} />;
    case "payment":
      return <PaymentScreen {...p} />;
    case "printed":
      return <PrintedScreen {...p} />;
    case "cancelled":
      return <CancelledScreen {...p} />;
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
      return <RefusedScreen {...p} screen={screen} />;
    case "error":
      return <ErrorScreen {...p} screen={screen} />;
  }
}
