import "server-only";
import { ZKosekiRegistrationRequest, type KosekiRegistrationRequestBody } from "@/lib/schemas/kiosk";
import { DEMO_PIN } from "@/lib/simulator/demo-wallet";
import { getEnv, rawEnv } from "../env";
import { demoModeOn } from "../startup/run-mode";
import { signRequest } from "../kiosk-protocol/http-signatures";

// The issuance-centre half of the simulator: it checks the card PIN (as JPKI does, locking the card after
// three wrong entries) and calls the kiosk API over HTTP, signed with its own API client key, exactly like a
// real centre. It has no access to the database.

const KEY_ID = () => getEnv().SIMULATOR_KEY_ID ?? "demo-simulator";
const SECRET = () => getEnv().SIMULATOR_API_SECRET ?? getEnv().DEMO_SIMULATOR_SECRET ?? "demo-simulator-secret-0123456789abcdef";
// "localhost": `next start` reconstructs request URLs with that host, so the signed @target-uri must use it.
const API_BASE = () => getEnv().SIMULATOR_API_BASE ?? `http://localhost:${getEnv().PORT}`;

export const PIN_ATTEMPTS = 3;

/**
 * The simulator is a demo tool: it exists only in demo mode (KONBINI_DEMO=1, set by `npm start` on the embedded
 * database; server/startup/run-mode.ts), and KIOSK_SIMULATOR=off removes it there too.
 */
export function simulatorEnabled(): boolean {
  return demoModeOn(rawEnv()) && getEnv().KIOSK_SIMULATOR;
}

const globalForPins = globalThis as unknown as { __simulatorPins?: Map<string, number> };
const failures = (globalForPins.__simulatorPins ??= new Map<string, number>());

export type PinResult = { ok: true } | { ok: false; locked: boolean; remaining: number };

/** PIN check of the card (simulated JPKI): three wrong PINs lock the card until it is reset at the counter. */
export function verifyPin(serial: string, pin: string): PinResult {
  const failed = failures.get(serial) ?? 0;
  if (failed >= PIN_ATTEMPTS) return { ok: false, locked: true, remaining: 0 };
  if (pin === DEMO_PIN) {
    failures.delete(serial);
    return { ok: true };
  }
  failures.set(serial, failed + 1);
  const remaining = PIN_ATTEMPTS - failed - 1;
  return { ok: false, locked: remaining === 0, remaining };
}

export function isPinLocked(serial: string): boolean {
  return (failures.get(serial) ?? 0) >= PIN_ATTEMPTS;
}

/** The counter's lock release (ロック解除), for demos. */
export function resetPin(serial: string): void {
  failures.delete(serial);
}

export type CentreResponse = { status: number; body: unknown; replayed: boolean };

/** One signed call to the kiosk API, as the centre makes it. */
export async function callKioskApi(path: string, body: unknown, opts: { idempotencyKey?: string; clockOverride?: string } = {}): Promise<CentreResponse> {
  if (!simulatorEnabled()) throw new Error("the kiosk simulator is switched off (KIOSK_SIMULATOR=off)");
  const url = `${API_BASE()}/api/kiosk/v1${path}`;
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    // The Idempotency-Key travels inside the signature (a covered component), as the API requires.
    ...signRequest({ method: "POST", targetUri: url, body: raw, keyId: KEY_ID(), secret: SECRET(), idempotencyKey: opts.idempotencyKey || undefined }),
  };
  if (opts.clockOverride) headers["x-clock-override"] = opts.clockOverride;
  const res = await fetch(url, { method: "POST", headers, body: raw, cache: "no-store" });
  return { status: res.status, body: await res.json(), replayed: res.headers.get("idempotent-replayed") === "true" };
}

/**
 * The kiosk-side 本籍地 利用登録 (POST /koseki-registrations), signed like every other centre call. The body is
 * checked against the API's own request schema first, so the simulator never sends what the API would refuse
 * as malformed. No Idempotency-Key: the API answers a repeat with 409 koseki_registration_exists.
 */
export async function applyKosekiRegistration(body: KosekiRegistrationRequestBody, opts: { clockOverride?: string } = {}): Promise<CentreResponse> {
  return callKioskApi("/koseki-registrations", ZKosekiRegistrationRequest.parse(body), opts);
}
