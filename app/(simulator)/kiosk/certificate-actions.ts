"use server";

import crypto from "node:crypto";
import { z } from "zod";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { ZCompletionResponse, ZIssuanceResponse, type CompletionResponseWire, type IssuanceResponseWire } from "@/lib/schemas/kiosk-responses";
import { call, clockOverride, failureOf, findSession, invalidInput, requestBase, requireSimulator, sessionExpired, ZClock, ZSessionId, type ActionFailure, type ApiTrace } from "./centre-session";

// The certificate screens: what the card may get, the issuance when the resident confirms, and the centre's
// report after payment and printing (or the resident's cancel).

// The eligibility answer as the kiosk reads it: only the fields the screens use, unknown fields ignored, so
// certificate types and extensions added to the API later show up without breaking the simulator.
const ZMemberView = z.object({ memberRef: z.string(), name: z.string(), relationship: z.string(), isRequester: z.boolean(), removed: z.boolean().optional() });
/** お知らせ of a planned or emergency stop affecting a type (absent in older answers). */
const ZNoticeView = z.object({ kind: z.string(), inForce: z.boolean(), text: z.string(), startsAt: z.string(), endsAt: z.string().nullable() });
export type KioskNotice = z.infer<typeof ZNoticeView>;
const ZNoticesView = z.array(ZNoticeView).default([]);
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
        notices: ZNoticesView,
      }),
      z.object({ type: z.string(), name: z.string(), available: z.literal(false), reason: z.string(), message: z.string(), notices: ZNoticesView }),
    ]),
  ),
  householdMembers: z.array(ZMemberView).default([]),
  kosekiMembers: z.array(ZMemberView).default([]),
});
export type KioskEligibility = z.infer<typeof ZEligibilityView>;

export type EligibilityResult = { ok: true; eligibility: KioskEligibility; trace: ApiTrace } | ActionFailure;
export type IssueResult = { ok: true; issuance: IssuanceResponseWire; trace: ApiTrace } | ActionFailure;
export type CompleteResult = { ok: true; completion: CompletionResponseWire; trace: ApiTrace } | ActionFailure;

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

/** The certificate and its options as the kiosk collected them. */
export type IssueChoice = z.input<typeof ZIssueInput>["choice"];

const ZCompleteInput = z
  .object({ sessionId: ZSessionId, clock: ZClock, issuanceId: z.string().uuid(), outcome: z.enum(["printed", "cancelled"]) })
  .strict();

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
