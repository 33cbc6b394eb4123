"use server";

import { z } from "zod";
import { ZKosekiRegistrationRequest } from "@/lib/schemas/kiosk";
import { ZKosekiRegistrationResponse, type KosekiRegistrationResponseWire } from "@/lib/schemas/kiosk-responses";
import { DEMO_CARD_ISSUER } from "@/lib/simulator/demo-wallet";
import { applyKosekiRegistration, type CentreResponse } from "@/server/simulator/centre";
import { clockOverride, failureOf, findSession, invalidInput, newTransactionId, requireSimulator, sessionExpired, TERMINAL, ZClock, ZMunicipalityCode, ZProblemLoose, ZSessionId, type ActionFailure, type ApiTrace } from "./centre-session";

// The 本籍地 利用登録 screens: the application sent to the 本籍地 municipality.

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
