"use client";

import { useEffect, useRef, useState } from "react";
import type { CompletionResponseWire, IssuanceResponseWire } from "@/lib/schemas/kiosk-responses";
import type { DemoCard } from "@/lib/simulator/demo-wallet";
import { enterPin, insertCard, resetPin } from "../card-actions";
import { checkEligibility, complete, issue } from "../certificate-actions";
import type { ActionFailure, ApiTrace } from "../centre-session";
import { applyForRegistration } from "../registration-actions";
import { CardPicker, type Municipality, type PlacedCard } from "./card-picker";
import { DemoPanel, type LogEntry } from "./demo-panel";
import type { Flow, Screen } from "./kiosk-flow";
import { KioskScreens } from "./kiosk-screens";
import { EMPTY_REGISTRATION, normalizeReceiptNo, registrationCode, type RegistrationDraft } from "./registration-draft";
import { EMPTY_OPTIONS, buildChoice, draftProblem, hasOptions, initialDraft, type Available, type OptionsDraft } from "./options-form";

// The kiosk half of the simulator: a state machine over the screens of a real multi-copy machine. It talks
// to the "centre" (the server actions) only; every API answer, refusal or failure becomes a screen, and an
// answer that arrives after the resident pressed 最初に戻る is ignored (a rendered PDF is then cancelled).

const INITIAL_FLOW: Flow = {
  purpose: "residence",
  honseki: null,
  card: null,
  sessionId: null,
  pin: "",
  pinState: { kind: "idle" },
  eligibility: null,
  cert: null,
  draft: EMPTY_OPTIONS,
  draftError: null,
  copies: 1,
  issuance: null,
  printout: null,
  registration: EMPTY_REGISTRATION,
  registrationResult: null,
};

/** `today`: the JST day by the server's clock (YYYY-MM-DD), around which the judging clock offers years. */
export function KioskSimulator({ wallet, municipalities, today }: { wallet: readonly DemoCard[]; municipalities: readonly Municipality[]; today: string }) {
  const [screen, setScreen] = useState<Screen>({ name: "top" });
  const [flow, setFlow] = useState<Flow>(INITIAL_FLOW);
  const [busy, setBusy] = useState<string | null>(null);
  const [moved, setMoved] = useState(false);
  const [clock, setClock] = useState("");
  const [log, setLog] = useState<LogEntry[]>([]);
  // Bumped by 最初に戻る: answers to requests of an older generation are dropped.
  const generation = useRef(0);
  const printoutUrl = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (printoutUrl.current) URL.revokeObjectURL(printoutUrl.current);
    },
    [],
  );

  const go = (next: Screen) => {
    setScreen(next);
    setMoved(true);
  };
  const patch = (p: Partial<Flow>) => setFlow((f) => ({ ...f, ...p }));
  const trace = (t: ApiTrace | undefined) => {
    if (!t) return;
    const at = new Date().toLocaleTimeString("ja-JP", { hour12: false });
    setLog((l) => [{ ...t, at }, ...l].slice(0, 30));
  };

  /** Runs one centre call with the busy overlay; null when it was superseded by 最初に戻る or threw. */
  async function perform<T>(text: string, task: () => Promise<T>, onStale?: (value: T) => void): Promise<T | null> {
    const gen = generation.current;
    setBusy(text);
    try {
      const value = await task();
      if (gen !== generation.current) {
        onStale?.(value);
        return null;
      }
      return value;
    } catch {
      if (gen === generation.current) go({ name: "error", code: "network_error", retry: null });
      return null;
    } finally {
      if (gen === generation.current) setBusy(null);
    }
  }

  const fail = (f: ActionFailure, retry: Extract<Screen, { name: "error" }>["retry"]) => {
    trace(f.trace);
    if (f.kind === "refused") go({ name: "refused", code: f.code, message: f.message });
    else go({ name: "error", code: f.code, retry: f.retryable ? retry : null });
  };

  const cancelQuietly = (sessionId: string, issuanceId: string) => {
    void complete({ sessionId, issuanceId, outcome: "cancelled", clock })
      .then((r) => trace(r.trace))
      .catch(() => undefined);
  };

  const restart = () => {
    generation.current += 1;
    // A PDF rendered but neither paid nor cancelled: the centre reports the cancel (nothing is charged).
    if (flow.issuance && flow.sessionId) cancelQuietly(flow.sessionId, flow.issuance.issuanceId);
    if (printoutUrl.current) URL.revokeObjectURL(printoutUrl.current);
    printoutUrl.current = null;
    setBusy(null);
    setFlow(INITIAL_FLOW);
    go({ name: "top" });
  };

  // ---- steps ---------------------------------------------------------------------------------------

  const placeCard = async (card: PlacedCard) => {
    const r = await perform("カードを読み取っています", () =>
      insertCard({
        serial: card.serial,
        residenceMunicipalityCode: card.residenceMunicipalityCode,
        purpose: flow.purpose === "honseki" ? "honseki" : "residence",
        registration: flow.purpose === "registration",
        honsekiMunicipalityCode: flow.honseki?.code,
      }),
    );
    if (!r) return;
    if (!r.ok) return fail(r, null);
    patch({ card, sessionId: r.sessionId, pin: "", pinState: { kind: "idle" } });
    go({ name: "pin" });
  };

  const loadEligibility = async (sessionId: string) => {
    const r = await perform("証明書の情報を確認しています", () => checkEligibility({ sessionId, clock }));
    if (!r) return;
    if (!r.ok) return fail(r, "eligibility");
    trace(r.trace);
    patch({ eligibility: r.eligibility, cert: null });
    go({ name: "certificates" });
  };

  const submitPin = async () => {
    const { sessionId, pin } = flow;
    if (!sessionId || pin.length !== 4) return;
    const r = await perform("暗証番号を確認しています", () => enterPin({ sessionId, pin }));
    if (!r) return;
    // The PIN is checked inside the centre (no API call); the staff log shows it all the same.
    const outcome = r.ok ? "pin_ok" : r.kind === "pin" ? (r.locked ? "pin_locked" : "pin_wrong") : r.code;
    trace({ call: "PIN照合（センター）", status: 0, replayed: false, code: outcome });
    if (r.ok && flow.purpose === "registration") return go({ name: "registration-form" });
    if (r.ok) return loadEligibility(sessionId);
    if (r.kind === "pin") return patch({ pin: "", pinState: r.locked ? { kind: "locked" } : { kind: "wrong", remaining: r.remaining } });
    fail(r, null);
  };

  const unlockPin = async () => {
    const sessionId = flow.sessionId;
    if (!sessionId) return;
    const r = await perform("ロックを解除しています", () => resetPin({ sessionId }));
    if (!r) return;
    if (!r.ok) return fail(r, null);
    patch({ pin: "", pinState: { kind: "unlocked" } });
  };

  const chooseCertificate = (cert: Available) => {
    patch({ cert, draft: initialDraft(cert, flow.eligibility), draftError: null, copies: 1 });
    go({ name: hasOptions(cert, flow.eligibility) ? "options" : "copies" });
  };

  const confirmOptions = () => {
    const cert = flow.cert;
    if (!cert) return;
    const problem = draftProblem(cert.type, flow.draft);
    patch({ draftError: problem });
    if (!problem) go({ name: "copies" });
  };

  const issueCertificate = async () => {
    const { sessionId, cert, draft, copies } = flow;
    if (!sessionId || !cert) return;
    const choice = buildChoice(cert, draft);
    const r = await perform(
      "証明書を作成しています。しばらくお待ちください",
      () => issue({ sessionId, clock, copies, choice }),
      // Answered after 最初に戻る: nobody will pay for this PDF.
      (late) => {
        if (late.ok) cancelQuietly(sessionId, late.issuance.issuanceId);
      },
    );
    if (!r) return;
    if (!r.ok) return fail(r, "issue");
    trace(r.trace);
    patch({ issuance: r.issuance });
    go({ name: "payment" });
  };

  const finish = async (outcome: "printed" | "cancelled") => {
    const { sessionId, issuance } = flow;
    if (!sessionId || !issuance) return;
    const r = await perform(outcome === "printed" ? "印刷しています" : "取り消しています", () =>
      complete({ sessionId, issuanceId: issuance.issuanceId, outcome, clock }),
    );
    if (!r) return;
    if (!r.ok) return fail(r, outcome);
    trace(r.trace);
    if (outcome === "printed") showPrintout(issuance, r.completion);
    else patch({ issuance: null });
    go({ name: outcome });
  };

  function showPrintout(issuance: IssuanceResponseWire, completion: CompletionResponseWire) {
    const bytes = Uint8Array.from(atob(issuance.pdf), (c) => c.charCodeAt(0));
    if (printoutUrl.current) URL.revokeObjectURL(printoutUrl.current);
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
    printoutUrl.current = url;
    patch({
      issuance: null,
      printout: { url, issuanceNo: completion.issuanceNo, pageCount: issuance.pageCount, copies: issuance.copies, feeTotal: issuance.feeTotal, name: flow.cert?.name ?? "" },
    });
  }

  /** The 本籍地 利用登録 application, after the consent. */
  const applyRegistration = async () => {
    const { sessionId, registration: d } = flow;
    if (!sessionId) return;
    const receiptNo = normalizeReceiptNo(d.receiptNo);
    const r = await perform("利用登録を申請しています", () =>
      applyForRegistration({
        sessionId,
        clock,
        municipalityCode: registrationCode(d),
        ...(receiptNo ? { preRegistrationReceiptNo: receiptNo } : { honsekiAddress: d.honsekiAddress.trim(), kosekiHeadName: d.kosekiHeadName.trim() }),
        consent: true,
      }),
    );
    if (!r) return;
    if (!r.ok && r.kind === "registration") {
      trace(r.trace);
      return go({ name: "registration-refused", refused: { code: r.code, receiptNo: r.receiptNo, registrationStatus: r.registrationStatus, notice: r.notice } });
    }
    if (!r.ok) return fail(r, null);
    trace(r.trace);
    patch({ registrationResult: r.registration });
    go({ name: "registration-done" });
  };

  const retry = (what: Extract<Screen, { name: "error" }>["retry"]) => {
    if (what === "eligibility" && flow.sessionId) return void loadEligibility(flow.sessionId);
    if (what === "issue") return void issueCertificate();
    if (what === "printed" || what === "cancelled") return void finish(what);
  };

  const backToCertificates = () => {
    if (flow.sessionId) void loadEligibility(flow.sessionId);
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="rounded-[28px] bg-solid-gray-800 p-3 shadow-2 desktop:p-5">
        <div className="mb-2 flex items-center justify-between px-2 text-std-16N-170 text-white">
          <span>マルチコピー機（シミュレーター）</span>
          <span aria-hidden="true" className="flex items-center gap-2">
            <span className="size-3 rounded-full bg-green-400" />
            稼働中
          </span>
        </div>
        <div className="relative overflow-hidden rounded-12 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-2 bg-blue-900 px-5 py-3 text-white desktop:px-10">
            <p className="text-std-20B-150">行政サービス　証明書交付</p>
            {flow.card ? <p className="text-std-16N-170">カード：{flow.card.label}</p> : null}
          </div>
          <div inert={busy !== null}>
            <KioskScreens
              key={screen.name}
              screen={screen}
              flow={flow}
              focusHeading={moved}
              municipalities={municipalities}
              cardPicker={<CardPicker wallet={wallet} municipalities={municipalities} disabled={busy !== null} onPlace={(c) => void placeCard(c)} />}
              on={{
                restart,
                go,
                patch,
                submitPin: () => void submitPin(),
                unlockPin: () => void unlockPin(),
                chooseCertificate,
                setDraft: (draft: OptionsDraft) => patch({ draft, draftError: null }),
                confirmOptions,
                issue: () => void issueCertificate(),
                pay: () => void finish("printed"),
                cancel: () => void finish("cancelled"),
                retry,
                backToCertificates,
                setRegistration: (registration: RegistrationDraft) => patch({ registration }),
                applyRegistration: () => void applyRegistration(),
              }}
            />
          </div>
          {busy ? (
            <div className="absolute inset-0 top-14 flex flex-col items-center justify-center gap-6 bg-white/95 p-6 text-center">
              <span aria-hidden="true" className="size-16 animate-spin rounded-full border-8 border-blue-100 border-t-blue-900" />
              <p role="status" className="text-std-28B-150 text-solid-gray-900">
                {busy}
              </p>
            </div>
          ) : null}
        </div>
      </div>
      <DemoPanel
        clock={clock}
        onClockChange={setClock}
        today={today}
        session={flow.card && flow.sessionId ? { serial: flow.card.serial, purpose: flow.purpose, municipalityCode: flow.purpose === "honseki" ? (flow.honseki?.code ?? "") : flow.card.residenceMunicipalityCode } : null}
        log={log}
      />
    </div>
  );
}
