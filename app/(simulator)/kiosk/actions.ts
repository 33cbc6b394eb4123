"use server";

import crypto from "node:crypto";
import { z } from "zod";
import { jstInstant } from "@/lib/jst";
import { ZIssueRequest, ZKosekiRegistrationRequest, ZPurpose } from "@/lib/schemas/kiosk";
import {
  ZCompletionResponse,
  ZIssuanceResponse,
  ZKosekiRegistrationResponse,
  type CompletionResponseWire,
  type IssuanceResponseWire,
  type KosekiRegistrationResponseWire,
} from "@/lib/schemas/kiosk-responses";
import { DEMO_CARD_ISSUER } from "@/lib/simulator/demo-wallet";
import { notFound } from "next/navigation";
import { applyKosekiRegistration, callKioskApi, resetPin as centreResetPin, simulatorEnabled, verifyPin, type CentreResponse } from "@/server/simulator/centre";

// The kiosk simulator's server actions play the issuance centre: they hold the card session (which card,
// PIN verified or not, the centre's transaction id, the open issuance attempt) and call the kiosk API over
// signed HTTP through server/simulator/centre.ts, like any API client. Nothing here reads the database.
// The browser only ever holds an opaque session id, so it cannot switch cards after the PIN check.

const TERMINAL = { storeChain: "simulator", storeCode: "SIM-0001", terminalId: "K01" } as const;
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 1_000;

type CentreSession = {
  id: string;
  serial: string;
  purpose: "residence" | "honseki";
  /** The 本籍地 利用登録 service: no certificates in this session, only the registration application. */
  registration: boolean;
  municipalityCode: string;
  transactionId: string;
  pinVerified: boolean;
  touchedAt: number;
  /** The issuance attempt in progress: its Idempotency-Key is reused while the same request is retried. */
  attempt: { key: string; body: string } | null;
  /** Issuances rendered in this session (a completion may only name one of these). */
  issuanceIds: Set<string>;
};

// Sessions live in this server process, like the PIN counters of the centre module (a demo tool runs one).
const globalForSessions = globalThis as unknown as { __kioskSimSessions?: Map<string, CentreSession> };
const sessions = (globalForSessions.__kioskSimSessions ??= new Map<string, CentreSession>());

// The eligibility answer as the kiosk reads it: only the fields the screens use, unknown fields ignored, so
// certificate types and extensions added to the API later show up without breaking the simulator.
const ZMemberView = z.object({ memberRef: z.string(), name: z.string(), relationship: z.string(), isRequester: z.boolean(), removed: z.boolean().optional() });
const ZEligibilityView = z.object({
  municipality: z.object({ code: z.string(), name: z.string() }),
  certificates: z.array(
    z.discriminatedUnion("available", [
      z.object({
        type: z.string(),
        name: z.string(),
        available: z.literal(true),
        feePerCopy: z.number(),
        copyLimit: z.number().int().min(1),
        myNumberAllowed: z.boolean().default(false),
        fiscalYears: z.array(z.object({ fiscalYear: z.number().int(), label: z.string() })).optional(),
      }),
      z.object({ type: z.string(), name: z.string(), available: z.literal(false), reason: z.string(), message: z.string() }),
    ]),
  ),
  householdMembers: z.array(ZMemberView).default([]),
  kosekiMembers: z.array(ZMemberView).default([]),
});
export type KioskEligibility = z.infer<typeof ZEligibilityView>;

// ---- results handed to the kiosk UI ---------------------------------------------------------------

/** One API call as the staff panel lists it. */
export type ApiTrace = { call: string; status: number; replayed: boolean; code?: string };

export type ActionFailure =
  | { ok: false; kind: "refused"; code: string; message: string; trace?: ApiTrace }
  | { ok: false; kind: "error"; code: string; detail?: string; retryable: boolean; trace?: ApiTrace };

export type InsertCardResult = { ok: true; sessionId: string } | ActionFailure;
export type EnterPinResult = { ok: true } | { ok: false; kind: "pin"; locked: boolean; remaining: number } | ActionFailure;
export type ResetPinResult = { ok: true } | ActionFailure;
export type EligibilityResult = { ok: true; eligibility: KioskEligibility; trace: ApiTrace } | ActionFailure;
export type IssueResult = { ok: true; issuance: IssuanceResponseWire; trace: ApiTrace } | ActionFailure;
export type CompleteResult = { ok: true; completion: CompletionResponseWire; trace: ApiTrace } | ActionFailure;
/** A refused registration application: the code picks the screen's message; some codes carry details. */
export type RegistrationRefusal = {
  ok: false;
  kind: "registration";
  code: string;
  receiptNo?: string;
  registrationStatus?: "pending" | "approved";
  notice?: string | null;
  trace?: ApiTrace;
};
export type RegistrationResult = { ok: true; registration: KosekiRegistrationResponseWire; trace: ApiTrace } | RegistrationRefusal | ActionFailure;

// ---- input schemas ----------------------------------------------------------------------------------

const ZSessionId = z.string().uuid();
const ZMunicipalityCode = z.string().regex(/^\d{6}$/);
/** The staff panel's datetime-local value, read as Japan time; empty means the server's own clock. */
const ZClock = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
  .optional()
  .or(z.literal(""));

const ZInsertCard = z
  .object({
    serial: z.string().trim().min(1).max(128).regex(/^[\x21-\x7e]+$/),
    /** The residence municipality the centre learns from the card. */
    residenceMunicipalityCode: ZMunicipalityCode,
    purpose: ZPurpose,
    /** The 本籍地 利用登録 service (purpose residence: the card is read against its residence municipality). */
    registration: z.boolean().optional(),
    /** For 本籍地 services: the municipality chosen on the kiosk. */
    honsekiMunicipalityCode: ZMunicipalityCode.optional(),
  })
  .strict()
  .refine((v) => v.purpose === "residence" || v.honsekiMunicipalityCode, { message: "honseki needs a municipality" });

const ZEnterPin = z.object({ sessionId: ZSessionId, pin: z.string().regex(/^\d{4}$/) }).strict();
const ZSessionOnly = z.object({ sessionId: ZSessionId }).strict();
const ZEligibilityInput = z.object({ sessionId: ZSessionId, clock: ZClock }).strict();
// The certificate and its options are checked by the API's own request schema (ZIssueRequest) below, so
// every type the server accepts works here without a change.
const ZIssueInput = z
  .object({
    sessionId: ZSessionId,
    clock: ZClock,
    copies: z.number().int().min(1).max(99),
    choice: z.object({ certificateType: z.string().min(1).max(40), options: z.record(z.string(), z.unknown()) }).strict(),
  })
  .strict();
/** The 本籍地 利用登録 as entered at the kiosk; the API's request schema checks the rest. */
const ZRegistrationInput = z
  .object({
    sessionId: ZSessionId,
    clock: ZClock,
    municipalityCode: ZMunicipalityCode,
    preRegistrationReceiptNo: z.string().trim().toUpperCase().optional().or(z.literal("")),
    honsekiAddress: z.string().trim().max(80).optional().or(z.literal("")),
    kosekiHeadName: z.string().trim().max(40).optional().or(z.literal("")),
    consent: z.literal(true),
  })
  .strict();
export type RegistrationInput = z.input<typeof ZRegistrationInput>;

/** The certificate and its options as the kiosk collected them. */
export type IssueChoice = z.input<typeof ZIssueInput>["choice"];

const ZCompleteInput = z
  .object({ sessionId: ZSessionId, clock: ZClock, issuanceId: z.string().uuid(), outcome: z.enum(["printed", "cancelled"]) })
  .strict();

// ---- helpers ----------------------------------------------------------------------------------------

const invalidInput = (): ActionFailure => ({ ok: false, kind: "error", code: "validation_failed", retryable: false });
const sessionExpired = (): ActionFailure => ({ ok: false, kind: "error", code: "session_expired", retryable: false });

function clockOverride(clock: string | undefined): string | undefined {
  if (!clock) return undefined;
  const at = jstInstant(clock);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function openSession(session: CentreSession): void {
  const now = Date.now();
  for (const [id, s] of sessions) if (now - s.touchedAt > SESSION_IDLE_MS) sessions.delete(id);
  // A public demo page: cap the memory a flood of card insertions can take (oldest first).
  while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  sessions.set(session.id, session);
}

function findSession(id: string, { verified }: { verified: boolean }): CentreSession | null {
  const s = sessions.get(id);
  if (!s || Date.now() - s.touchedAt > SESSION_IDLE_MS) return null;
  if (verified && !s.pinVerified) return null;
  s.touchedAt = Date.now();
  return s;
}

function requestBase(s: CentreSession) {
  return {
    transactionId: s.transactionId,
    terminal: TERMINAL,
    card: { issuer: DEMO_CARD_ISSUER, serial: s.serial },
    municipalityCode: s.municipalityCode,
    purpose: s.purpose,
  };
}

function newTransactionId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `SIM-${stamp}-${crypto.randomBytes(4).toString("hex")}`;
}

/** Calls the API; a network failure becomes a retryable error instead of an exception. */
async function call(label: string, path: string, body: unknown, opts: { idempotencyKey?: string; clockOverride?: string }) {
  try {
    const res: CentreResponse = await callKioskApi(path, body, opts);
    return { res, trace: { call: label, status: res.status, replayed: res.replayed } satisfies ApiTrace };
  } catch {
    return { res: null, trace: { call: label, status: 0, replayed: false, code: "network_error" } satisfies ApiTrace };
  }
}

// Answers are read leniently (unknown fields dropped), so an API extension never strands a rendered PDF.
// Problems too (unlike the published ZProblem): a reason code newer than this build must still reach the screen.
const ZProblemLoose = z.object({ code: z.string(), status: z.number(), detail: z.string().optional(), reason: z.string().optional(), message: z.string().optional() });

/** Maps a non-2xx answer: a 403 with a refusal reason is a refusal the resident sees, anything else an error. */
function failureOf(res: CentreResponse | null, trace: ApiTrace): ActionFailure {
  if (!res) return { ok: false, kind: "error", code: "network_error", retryable: true, trace };
  const problem = ZProblemLoose.safeParse(res.body);
  if (!problem.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: res.status >= 500, trace: { ...trace, code: "unexpected_response" } };
  const p = problem.data;
  const traced = { ...trace, code: p.code };
  if (res.status === 403 && p.reason && p.message) return { ok: false, kind: "refused", code: p.reason, message: p.message, trace: traced };
  const retryable = res.status >= 500 || p.code === "idempotency_key_in_progress" || p.code === "rate_limited";
  return { ok: false, kind: "error", code: p.code, detail: p.detail, retryable, trace: traced };
}

// ---- actions ----------------------------------------------------------------------------------------
// Each action first checks that the simulator exists (demo mode only): outside it they answer like a
// missing page, as /kiosk does.

function requireSimulator(): void {
  if (!simulatorEnabled()) notFound();
}

/** The resident places a card: the centre opens a transaction for it. The PIN comes next. */
export async function insertCard(input: z.input<typeof ZInsertCard>): Promise<InsertCardResult> {
  requireSimulator();
  const parsed = ZInsertCard.safeParse(input);
  if (!parsed.success) return invalidInput();
  const v = parsed.data;
  const session: CentreSession = {
    id: crypto.randomUUID(),
    serial: v.serial,
    purpose: v.registration ? "residence" : v.purpose,
    registration: v.registration === true,
    municipalityCode: v.registration || v.purpose === "residence" ? v.residenceMunicipalityCode : v.honsekiMunicipalityCode!,
    transactionId: newTransactionId(),
    pinVerified: false,
    touchedAt: Date.now(),
    attempt: null,
    issuanceIds: new Set(),
  };
  openSession(session);
  return { ok: true, sessionId: session.id };
}

/** The PIN of the card's 利用者証明用電子証明書 (simulated JPKI: three wrong entries lock the card). */
export async function enterPin(input: z.input<typeof ZEnterPin>): Promise<EnterPinResult> {
  requireSimulator();
  const parsed = ZEnterPin.safeParse(input);
  if (!parsed.success) return invalidInput();
  const s = findSession(parsed.data.sessionId, { verified: false });
  if (!s) return sessionExpired();
  const result = verifyPin(s.serial, parsed.data.pin);
  if (!result.ok) return { ok: false, kind: "pin", locked: result.locked, remaining: result.remaining };
  s.pinVerified = true;
  return { ok: true };
}

/** Staff demo: the counter's ロック解除 for the card of this session. */
export async function resetPin(input: z.input<typeof ZSessionOnly>): Promise<ResetPinResult> {
  requireSimulator();
  const parsed = ZSessionOnly.safeParse(input);
  if (!parsed.success) return invalidInput();
  const s = findSession(parsed.data.sessionId, { verified: false });
  if (!s) return sessionExpired();
  centreResetPin(s.serial);
  return { ok: true };
}

/** What this card may get now: the certificate list and the household for the options. */
export async function checkEligibility(input: z.input<typeof ZEligibilityInput>): Promise<EligibilityResult> {
  requireSimulator();
  const parsed = ZEligibilityInput.safeParse(input);
  if (!parsed.success) return invalidInput();
  const s = findSession(parsed.data.sessionId, { verified: true });
  if (!s || s.registration) return sessionExpired();
  const { res, trace } = await call("eligibility", "/eligibility", requestBase(s), { clockOverride: clockOverride(parsed.data.clock) });
  if (!res || res.status !== 200) return failureOf(res, trace);
  const body = ZEligibilityView.safeParse(res.body);
  if (!body.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: false, trace };
  return { ok: true, eligibility: body.data, trace };
}

/**
 * The issuance request, made when the resident confirms (the PDF exists before payment, as in reality).
 * One attempt keeps one Idempotency-Key: a retry of the same request after a timeout or a lost answer
 * reuses it, so the server answers with the same issuance instead of rendering a second one.
 */
export async function issue(input: z.input<typeof ZIssueInput>): Promise<IssueResult> {
  requireSimulator();
  const parsed = ZIssueInput.safeParse(input);
  if (!parsed.success) return invalidInput();
  const s = findSession(parsed.data.sessionId, { verified: true });
  if (!s || s.registration) return sessionExpired();
  const request = ZIssueRequest.safeParse({ ...requestBase(s), ...parsed.data.choice, copies: parsed.data.copies });
  if (!request.success) return invalidInput();
  const body = JSON.stringify(request.data);
  if (!s.attempt || s.attempt.body !== body) s.attempt = { key: crypto.randomUUID(), body };
  const key = s.attempt.key;

  const { res, trace } = await call("issue", "/issuances", request.data, { idempotencyKey: key, clockOverride: clockOverride(parsed.data.clock) });
  if (!res || res.status !== 200) {
    const failure = failureOf(res, trace);
    // A definitive answer ends the attempt; only a retryable failure keeps its key for the retry.
    if (!(failure.kind === "error" && failure.retryable) && s.attempt?.key === key) s.attempt = null;
    return failure;
  }
  const issuance = ZIssuanceResponse.strip().safeParse(res.body);
  if (!issuance.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: false, trace };
  s.issuanceIds.add(issuance.data.issuanceId);
  return { ok: true, issuance: issuance.data, trace };
}

/** The centre's report after payment and printing (`printed`) or the resident's cancel (`cancelled`). */
export async function complete(input: z.input<typeof ZCompleteInput>): Promise<CompleteResult> {
  requireSimulator();
  const parsed = ZCompleteInput.safeParse(input);
  if (!parsed.success) return invalidInput();
  const { sessionId, issuanceId, outcome, clock } = parsed.data;
  const s = findSession(sessionId, { verified: true });
  if (!s || !s.issuanceIds.has(issuanceId)) return sessionExpired();
  const { res, trace } = await call(`completion (${outcome})`, `/issuances/${issuanceId}/completion`, { outcome }, { clockOverride: clockOverride(clock) });
  if (!res || res.status !== 200) return failureOf(res, trace);
  const completion = ZCompletionResponse.strip().safeParse(res.body);
  if (!completion.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: false, trace };
  s.attempt = null;
  return { ok: true, completion: completion.data, trace };
}

// Problems of the registration intake (404/409/503) with the details the screen shows.
const ZRegistrationProblem = ZProblemLoose.extend({
  receiptNo: z.string().optional(),
  registrationStatus: z.enum(["pending", "approved"]).optional(),
  notice: z.string().nullable().optional(),
});
const REGISTRATION_REFUSALS = new Set(["registration_intake_closed", "registration_not_needed", "koseki_registration_exists", "pre_registration_not_found", "municipality_unknown", "municipality_not_active", "client_not_allowed"]);

/**
 * The 本籍地 利用登録 application of the cardholder (after the PIN), sent to the 本籍地 municipality. The
 * applicant's name, date of birth and address come from the card's residence register on the server; the
 * kiosk adds the 本籍地, and either the web pre-registration's receipt number or the 本籍 and the 筆頭者.
 */
export async function applyForRegistration(input: RegistrationInput): Promise<RegistrationResult> {
  requireSimulator();
  const parsed = ZRegistrationInput.safeParse(input);
  if (!parsed.success) return invalidInput();
  const v = parsed.data;
  const s = findSession(v.sessionId, { verified: true });
  if (!s || !s.registration) return sessionExpired();
  const request = ZKosekiRegistrationRequest.safeParse({
    transactionId: s.transactionId,
    terminal: TERMINAL,
    card: { issuer: DEMO_CARD_ISSUER, serial: s.serial },
    municipalityCode: v.municipalityCode,
    ...(v.preRegistrationReceiptNo ? { preRegistrationReceiptNo: v.preRegistrationReceiptNo } : { honsekiAddress: v.honsekiAddress || undefined, kosekiHeadName: v.kosekiHeadName || undefined }),
    consent: true,
  });
  if (!request.success) return invalidInput();

  let res: CentreResponse | null = null;
  try {
    res = await applyKosekiRegistration(request.data, { clockOverride: clockOverride(v.clock) });
  } catch {
    res = null;
  }
  const trace: ApiTrace = { call: "koseki-registration", status: res?.status ?? 0, replayed: false, ...(res ? {} : { code: "network_error" }) };
  if (res && res.status === 200) {
    const body = ZKosekiRegistrationResponse.strip().safeParse(res.body);
    if (!body.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: false, trace };
    // One application per transaction, as at a real kiosk: a new one needs the card again.
    s.transactionId = newTransactionId();
    return { ok: true, registration: body.data, trace };
  }
  const problem = res ? ZRegistrationProblem.safeParse(res.body) : null;
  if (problem?.success && REGISTRATION_REFUSALS.has(problem.data.code)) {
    const p = problem.data;
    return { ok: false, kind: "registration", code: p.code, receiptNo: p.receiptNo, registrationStatus: p.registrationStatus, notice: p.notice, trace: { ...trace, code: p.code } };
  }
  return failureOf(res, trace);
}
