import "server-only";

import crypto from "node:crypto";
import { z } from "zod";
import { jstInstant } from "@/lib/jst";
import { DEMO_CARD_ISSUER } from "@/lib/simulator/demo-wallet";
import { notFound } from "next/navigation";
import { callKioskApi, simulatorEnabled, type CentreResponse } from "@/server/simulator/centre";

// What the kiosk simulator's server actions (card-, certificate- and registration-actions.ts, one file per
// screen flow) share as the issuance centre: the card session (which card, PIN verified or not, the centre's
// transaction id, the open issuance attempt), the signed call to the kiosk API through server/simulator/centre.ts,
// like any API client, and the mapping of its answers. Nothing here reads the database. The browser only ever
// holds an opaque session id, so it cannot switch cards after the PIN check.

export const TERMINAL = { storeChain: "simulator", storeCode: "SIM-0001", terminalId: "K01" } as const;
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 1_000;

export type CentreSession = {
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

// ---- results handed to the kiosk UI ---------------------------------------------------------------

/** One API call as the staff panel lists it. */
export type ApiTrace = { call: string; status: number; replayed: boolean; code?: string };

export type ActionFailure =
  | { ok: false; kind: "refused"; code: string; message: string; trace?: ApiTrace }
  | { ok: false; kind: "error"; code: string; detail?: string; retryable: boolean; trace?: ApiTrace };

// ---- input pieces -----------------------------------------------------------------------------------

export const ZSessionId = z.string().uuid();
export const ZMunicipalityCode = z.string().regex(/^\d{6}$/);
/** The staff panel's datetime-local value, read as Japan time; empty means the server's own clock. */
export const ZClock = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
  .optional()
  .or(z.literal(""));

// ---- helpers ----------------------------------------------------------------------------------------

export const invalidInput = (): ActionFailure => ({ ok: false, kind: "error", code: "validation_failed", retryable: false });
export const sessionExpired = (): ActionFailure => ({ ok: false, kind: "error", code: "session_expired", retryable: false });

export function clockOverride(clock: string | undefined): string | undefined {
  if (!clock) return undefined;
  const at = jstInstant(clock);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export function openSession(session: CentreSession): void {
  const now = Date.now();
  for (const [id, s] of sessions) if (now - s.touchedAt > SESSION_IDLE_MS) sessions.delete(id);
  // A public demo page: cap the memory a flood of card insertions can take (oldest first).
  while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
  sessions.set(session.id, session);
}

export function findSession(id: string, { verified }: { verified: boolean }): CentreSession | null {
  const s = sessions.get(id);
  if (!s || Date.now() - s.touchedAt > SESSION_IDLE_MS) return null;
  if (verified && !s.pinVerified) return null;
  s.touchedAt = Date.now();
  return s;
}

export function requestBase(s: CentreSession) {
  return {
    transactionId: s.transactionId,
    terminal: TERMINAL,
    card: { issuer: DEMO_CARD_ISSUER, serial: s.serial },
    municipalityCode: s.municipalityCode,
    purpose: s.purpose,
  };
}

export function newTransactionId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `SIM-${stamp}-${crypto.randomBytes(4).toString("hex")}`;
}

/** Calls the API; a network failure becomes a retryable error instead of an exception. */
export async function call(label: string, path: string, body: unknown, opts: { idempotencyKey?: string; clockOverride?: string }) {
  try {
    const res: CentreResponse = await callKioskApi(path, body, opts);
    return { res, trace: { call: label, status: res.status, replayed: res.replayed } satisfies ApiTrace };
  } catch {
    return { res: null, trace: { call: label, status: 0, replayed: false, code: "network_error" } satisfies ApiTrace };
  }
}

// Answers are read leniently (unknown fields dropped), so an API extension never strands a rendered PDF.
// Problems too (unlike the published ZProblem): a reason code newer than this build must still reach the screen.
export const ZProblemLoose = z.object({ code: z.string(), status: z.number(), detail: z.string().optional(), reason: z.string().optional(), message: z.string().optional() });

/** Maps a non-2xx answer: a 403 with a refusal reason is a refusal the resident sees, anything else an error. */
export function failureOf(res: CentreResponse | null, trace: ApiTrace): ActionFailure {
  if (!res) return { ok: false, kind: "error", code: "network_error", retryable: true, trace };
  const problem = ZProblemLoose.safeParse(res.body);
  if (!problem.success) return { ok: false, kind: "error", code: "unexpected_response", retryable: res.status >= 500, trace: { ...trace, code: "unexpected_response" } };
  const p = problem.data;
  const traced = { ...trace, code: p.code };
  if (res.status === 403 && p.reason && p.message) return { ok: false, kind: "refused", code: p.reason, message: p.message, trace: traced };
  const retryable = res.status >= 500 || p.code === "idempotency_key_in_progress" || p.code === "rate_limited";
  return { ok: false, kind: "error", code: p.code, detail: p.detail, retryable, trace: traced };
}

// Each action first checks that the simulator exists (demo mode only): outside it they answer like a
// missing page, as /kiosk does.
export function requireSimulator(): void {
  if (!simulatorEnabled()) notFound();
}
