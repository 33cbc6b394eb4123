"use server";

import crypto from "node:crypto";
import { z } from "zod";
import { ZPurpose } from "@/lib/schemas/kiosk";
import { resetPin as centreResetPin, verifyPin } from "@/server/simulator/centre";
import { findSession, invalidInput, newTransactionId, openSession, requireSimulator, sessionExpired, ZMunicipalityCode, ZSessionId, type ActionFailure, type CentreSession } from "./centre-session";

// The card screens: the card placed, its PIN, and the counter's ロック解除 (the staff panel).

export type InsertCardResult = { ok: true; sessionId: string } | ActionFailure;
export type EnterPinResult = { ok: true } | { ok: false; kind: "pin"; locked: boolean; remaining: number } | ActionFailure;
export type ResetPinResult = { ok: true } | ActionFailure;

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
