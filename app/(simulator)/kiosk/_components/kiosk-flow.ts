import type { ReactNode } from "react";
import type { IssuanceResponseWire, KosekiRegistrationResponseWire } from "@/lib/schemas/kiosk-responses";
import type { KioskEligibility } from "../certificate-actions";
import type { Municipality, PlacedCard } from "./card-picker";
import type { Available, OptionsDraft } from "./options-form";
import type { RegistrationDraft, RegistrationRefused } from "./registration-draft";

// The kiosk's state machine as the screens see it: which screen, what the transaction gathered so far, and
// the handlers of kiosk-simulator.tsx. Each screen is a component of one flow's file (start-, certificate-,
// payment-, outcome- and registration-screens.tsx); kiosk-screens.tsx picks one.

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

/** What every screen component receives from the dispatcher (kiosk-screens.tsx). */
export type ScreenProps = {
  common: { focusHeading: boolean };
  flow: Flow;
  /** The certificate chosen on the list (flow.cert). */
  cert: Available | null;
  municipalities: readonly Municipality[];
  cardPicker: ReactNode;
  on: ScreenHandlers;
  /** The footer: 最初に戻る on the left, the given buttons on the right. */
  footer: (children?: ReactNode) => ReactNode;
  /** A 戻る button to the given screen. */
  back: (to: Screen) => ReactNode;
};
