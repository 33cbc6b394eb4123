// The centre's side of the fault runs: virtual residents asking for certificates over the signed kiosk API,
// recording every request and what came back (or that nothing came back), so that the invariants can be
// checked afterwards against the database and by replaying the keys.
import crypto from "node:crypto";
import { DEMO_WALLET } from "../../lib/simulator/demo-wallet";
import { percentile } from "../../scripts/lib/bench-stats";
import { baseRequest, KioskClient } from "../../scripts/kiosk/client";

export const DEMO_CLIENT = { keyId: "demo-simulator", secret: "demo-simulator-secret-0123456789abcdef" };
/**
 * The instant requests are judged at (X-Clock-Override, demo mode): inside the demo municipalities' service hours
 * (06:30–23:00 JST every day, none from 12/29 to 1/3) and at most a few hours before the real time, because the
 * server's maintenance expires rendered PDFs by the real clock (24 h) and a replay must still find them. It is
 * derived from the real time once per run: `now` itself when that is in service hours, else 22:00 JST of the
 * day before (or of the same evening after 23:00), stepping back over the year-end holidays.
 */
export function serviceInstant(now: Date): Date {
  const JST = 9 * 3_600_000;
  const jstDayStart = (t: number) => Math.floor((t + JST) / 86_400_000) * 86_400_000 - JST;
  const minuteOfDay = (t: number) => Math.floor(((t + JST) % 86_400_000) / 60_000);
  const yearEnd = (t: number) => {
    const d = new Date(t + JST);
    return (d.getUTCMonth() === 11 && d.getUTCDate() >= 29) || (d.getUTCMonth() === 0 && d.getUTCDate() <= 3);
  };
  let t = now.getTime() - 60_000;
  const m = minuteOfDay(t);
  if (m < 6 * 60 + 40) t = jstDayStart(t) - 2 * 3_600_000; // 22:00 JST the day before
  else if (m > 22 * 60 + 50) t = jstDayStart(t) + 22 * 3_600_000;
  while (yearEnd(t)) t = jstDayStart(t) - 2 * 3_600_000;
  return new Date(t);
}
export const CLOCK = (process.env.FAULTS_CLOCK ? new Date(process.env.FAULTS_CLOCK) : serviceInstant(new Date())).toISOString();

export type Person = { serial: string; code: string; name: string; household: Array<{ memberRef: string; name: string; isRequester: boolean }>; types: Array<"residence" | "seal"> };

export type Attempt = {
  key: string;
  body: Record<string, unknown>;
  baseUrl: string;
  person: Person;
  /** Names the certificate must show (the requester, or the household for 世帯全員). */
  names: string[];
  sentAt: number;
  ms: number;
  /** "answered": a 200 with a PDF; "refused": a 4xx; "failed": a 5xx; "no_answer": the connection failed. */
  outcome: "answered" | "refused" | "failed" | "no_answer";
  status?: number;
  code?: string;
  /** Why there was no answer (the fetch error's cause), for the figures. */
  error?: string;
  retryAfter?: string | null;
  issuanceId?: string;
  issuanceNo?: string;
  pdfSha256?: string;
  pageCount?: number;
  pdf?: Buffer;
  completion?: { outcome: "printed" | "cancelled"; answered: boolean; status?: number };
};

export function client(baseUrl: string): KioskClient {
  return new KioskClient({ baseUrl, ...DEMO_CLIENT, clockOverride: CLOCK });
}

/** The demo cardholders to whom a 住民票 or 印鑑登録証明書 may be issued at CLOCK, with their households' names. */
export async function loadCrowd(baseUrl: string): Promise<Person[]> {
  const c = client(baseUrl);
  const crowd: Person[] = [];
  for (const card of DEMO_WALLET) {
    const a = await c.post<{ certificates: Array<{ type: string; available: boolean }>; householdMembers: Array<{ memberRef: string; name: string; isRequester: boolean }> }>("/eligibility", baseRequest(card.serial, card.municipalityCode));
    const me = a.body?.householdMembers?.find((m) => m.isRequester);
    const types = (["residence", "seal"] as const).filter((t) => a.body?.certificates?.some((x) => x.type === t && x.available));
    if (a.status === 200 && me && types.length) crowd.push({ serial: card.serial, code: card.municipalityCode, name: me.name, household: a.body.householdMembers, types: [...types] });
  }
  if (crowd.length < 2) throw new Error(`only ${crowd.length} demo cardholders can be served at ${CLOCK}`);
  return crowd;
}

/** One issuance request as the centre builds it: 本人 or 世帯全員 住民票, or 印鑑登録証明書. */
export function requestFor(person: Person, n: number): { body: Record<string, unknown>; names: string[] } {
  const type = person.types[n % person.types.length];
  const base = baseRequest(person.serial, person.code);
  base.terminal.storeChain = "fault-harness";
  if (type === "seal") return { body: { ...base, certificateType: "seal", copies: 1, options: {} }, names: [person.name] };
  const whole = n % 3 === 0 && person.household.length > 1;
  const members = whole ? person.household : person.household.filter((m) => m.isRequester);
  return { body: { ...base, certificateType: "residence", copies: 1, options: { members: members.map((m) => m.memberRef) } }, names: members.map((m) => m.name) };
}

/** Sends one issuance request with its key and records whatever happens. Never throws. */
export async function send(baseUrl: string, key: string, body: Record<string, unknown>, person: Person, names: string[]): Promise<Attempt> {
  const attempt: Attempt = { key, body, baseUrl, person, names, sentAt: Date.now(), ms: 0, outcome: "no_answer" };
  try {
    const a = await client(baseUrl).post<{ issuanceId: string; issuanceNo: string; pdf: string; pdfSha256: string; pageCount: number; code?: string }>("/issuances", body, { idempotencyKey: key });
    attempt.ms = a.ms;
    attempt.status = a.status;
    attempt.code = a.body?.code;
    attempt.retryAfter = a.headers.get("retry-after");
    if (a.status === 200) {
      attempt.outcome = "answered";
      attempt.issuanceId = a.body.issuanceId;
      attempt.issuanceNo = a.body.issuanceNo;
      attempt.pdfSha256 = a.body.pdfSha256;
      attempt.pageCount = a.body.pageCount;
      attempt.pdf = Buffer.from(a.body.pdf, "base64");
    } else {
      attempt.outcome = a.status >= 500 ? "failed" : "refused";
    }
  } catch (e) {
    attempt.ms = Date.now() - attempt.sentAt;
    attempt.outcome = "no_answer";
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    attempt.error = cause?.code ?? cause?.message ?? String(e);
  }
  return attempt;
}

export async function complete(attempt: Attempt, outcome: "printed" | "cancelled"): Promise<void> {
  attempt.completion = { outcome, answered: false };
  try {
    const done = await client(attempt.baseUrl).post(`/issuances/${attempt.issuanceId}/completion`, { outcome });
    attempt.completion.status = done.status;
    attempt.completion.answered = done.status === 200;
  } catch {
    attempt.completion.answered = false;
  }
}

/**
 * `concurrency` residents, each looping issuance → completion (printed, cancelled, or left open so that its
 * key can be replayed for the same bytes), spread over `baseUrls`, until `stop()` says so.
 */
export async function runLoad(opts: { baseUrls: string[]; crowd: Person[]; concurrency: number; stop: () => boolean; attempts: Attempt[]; backoffMs?: number }): Promise<void> {
  async function resident(i: number) {
    let n = i * 7;
    while (!opts.stop()) {
      n++;
      const person = opts.crowd[n % opts.crowd.length];
      const { body, names } = requestFor(person, n);
      const baseUrl = opts.baseUrls[n % opts.baseUrls.length];
      const attempt = await send(baseUrl, crypto.randomUUID(), body, person, names);
      opts.attempts.push(attempt);
      if (attempt.outcome === "answered") {
        if (n % 3 === 1) await complete(attempt, "printed");
        else if (n % 3 === 2) await complete(attempt, "cancelled");
      } else if (attempt.outcome !== "refused") {
        await new Promise((r) => setTimeout(r, opts.backoffMs ?? 200)); // the centre backs off a little
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => resident(i)));
}

/** A load's figures: requests, answered latency (p50, p95) and a count per outcome (status and code, or why no answer). */
export function summarise(attempts: Attempt[]): Record<string, number> {
  const ms = attempts.filter((a) => a.outcome === "answered").map((a) => a.ms).sort((x, y) => x - y);
  const f: Record<string, number> = {
    requests: attempts.length,
    "answered p50 ms": Math.round(ms.length ? percentile(ms, 50) : 0),
    "answered p95 ms": Math.round(ms.length ? percentile(ms, 95) : 0),
  };
  for (const a of attempts) {
    const k = a.outcome === "answered" ? "answered" : a.outcome === "no_answer" ? `no answer (${a.error})` : `${a.status} ${a.code ?? ""}`.trim();
    f[k] = (f[k] ?? 0) + 1;
  }
  return f;
}

/**
 * 5xx answers must be retryable and say so: 503 with Retry-After; a 500 is a defect. `excused` may allow some
 * (the topology's 502 for a request in flight on an app node that was killed).
 */
export function checkErrorAnswers(attempts: Attempt[], excused: (a: Attempt) => boolean = () => false): string[] {
  const bad = attempts.filter((a) => a.outcome === "failed" && (a.status !== 503 || !a.retryAfter) && !excused(a));
  return bad.length ? [`${bad.length} error answers were not 503 + Retry-After: ${[...new Set(bad.map((a) => `${a.status} ${a.code ?? ""}`.trim()))].join(", ")}`] : [];
}
