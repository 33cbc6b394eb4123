// Fuzz targets of the kiosk API, written against a transport `send(request) => Response` so that the same
// properties run in-process on the route handlers (tests/fuzz/db/kiosk-api.test.ts) and over real HTTP against
// a running server (tests/fuzz/http.ts). No runner imports here: a broken property throws.
//
// Every refused request must answer 4xx application/problem+json with a `code` (never a 500, never a
// non-problem body); a request whose signature is broken must be refused by authentication (400/401/429),
// whatever its body; a body over 64 KiB must be refused with 413 before it is parsed or authenticated.
import crypto from "node:crypto";
import fc from "fast-check";
import type { z } from "zod";
import { ZCompletionRequest, ZEligibilityRequest, ZIssueRequest, ZKosekiRegistrationRequest } from "@/lib/schemas/kiosk";
import { contentDigest, signatureBase, signRequest, SIGNATURE_LABEL } from "@/server/kiosk-protocol/http-signatures";

export type Send = (req: Request) => Promise<Response>;
export type KioskKey = { keyId: string; secret: string };

export type KioskFuzzSetup = {
  /** Origin the client signs for and sends to, e.g. http://localhost:3000 (no trailing slash). */
  baseUrl: string;
  send: Send;
  client: KioskKey;
  /** A municipality the server serves (the refused bodies name it, so they pass the schema). */
  municipalityCode: string;
  /** A card of that municipality whose eligibility answers 200: the health check after each target. */
  healthyCard?: { issuer: string; serial: string };
  /** Sent as X-Clock-Override (honoured only with ALLOW_CLOCK_OVERRIDE=true): inside service hours. */
  clockOverride?: string;
  /** In-process only: forget per-source authentication failures, so later runs reach the signature check instead of 429. */
  beforeEachRun?: () => void;
  /** HTTP transports cannot send a Content-Length that differs from the body (the client library refuses). */
  canLieAboutContentLength: boolean;
};

export const MAX_BODY_BYTES = 64 * 1024;

export const ROUTES = ["eligibility", "issuances", "completion", "koseki-registrations"] as const;
export type Route = (typeof ROUTES)[number];

/** Refusals of the authentication layer (docs/api.md "Order of checks"); a broken signature must end here. */
const AUTH_STATUSES = new Set([400, 401, 429]);

// ───────────── arbitraries ─────────────

/** One character a header value may carry (RFC 9110 field-vchar, SP, HTAB and obs-text); no CR, LF or NUL. */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
).map((c) => String.fromCharCode(c));
const headerValue = (maxLength: number) => fc.string({ unit: headerChar, maxLength });

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json", "application/json; charset=shift_jis", ""),
  headerValue(80),
);

/** Idempotency-Key of any length and charset the header can carry (the schema allows 8–128 printable ASCII). */
const idempotencyKey = fc.option(
  fc.oneof(headerValue(300), fc.string({ unit: fc.constantFrom(..."abcXYZ019-_:."), minLength: 1, maxLength: 200 }), fc.constantFrom("", "short", "key-0001-ok", "x".repeat(128), "x".repeat(129))),
  { nil: undefined },
);

const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", " ", "all", "residence", "honseki", "printed", "failed", "\u0000", "123456", "131016", "9".repeat(7), "-1", "1e309", "__proto__", "constructor"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.uuid(),
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Mutation = { kind: "set"; pick: number; value: unknown } | { kind: "delete"; pick: number } | { kind: "add"; pick: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value: fc.oneof(leaf, fc.jsonValue({ maxDepth: 2 })) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), pick: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "toString", "extra")), value: leaf }),
);

/** Every path into a JSON value (the root is []). */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

/** A near-valid body: the route's well-formed body with one to three fields replaced, removed or added. */
export function mutate(base: Json, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.pick % paths.length];
    if (path.length === 0) {
      if (m.kind === "set") root = m.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
    const key = path[path.length - 1];
    if (m.kind === "set") parent[key] = m.value;
    else if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      const target = parent[key];
      if (target && typeof target === "object" && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/** Bodies that pass nothing or almost nothing: random bytes, random text, random JSON, broken JSON, near-valid JSON. */
function bodyOf(base: Json): fc.Arbitrary<Uint8Array> {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.string({ unit: "grapheme", maxLength: 400 }).map(utf8),
    fc.string({ unit: "binary", maxLength: 400 }).map(utf8),
    fc.jsonValue({ maxDepth: 4 }).map((v) => utf8(JSON.stringify(v))),
    fc.constantFrom("", "{", "}", "null", "[]", "{}", '{"a":', "\uFEFF{}", '{"transactionId":"x"', "1e999", '"str"', "[".repeat(5000)).map(utf8),
    fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => utf8(JSON.stringify(mutate(base, ms)) ?? "")),
    // Invalid UTF-8 around valid JSON: the decoder must refuse it, not replace it.
    fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => x | 0x80)), fc.nat(20)).map(([bad, at]) => {
      const json = Buffer.from(JSON.stringify(base), "utf8");
      const cut = Math.min(at, json.length);
      return new Uint8Array(Buffer.concat([json.subarray(0, cut), bad, json.subarray(cut)]));
    }),
  );
}

// ───────────── requests ─────────────

export function pathOf(route: Route, issuanceId: string): string {
  return route === "completion" ? `/api/kiosk/v1/issuances/${encodeURIComponent(issuanceId)}/completion` : `/api/kiosk/v1/${route}`;
}

/** Well-formed bodies that the server must still refuse (a card that does not exist, an unknown issuance). */
export function refusedBodies(municipalityCode: string): Record<Route, Json> {
  const common = {
    transactionId: "fuzz-transaction",
    terminal: { storeChain: "fuzz-mart", storeCode: "0001", terminalId: "T1" },
    card: { issuer: "JPKI", serial: "FUZZ-NO-SUCH-CARD" },
    municipalityCode,
  };
  return {
    eligibility: { ...common, purpose: "residence" },
    issuances: { ...common, purpose: "residence", certificateType: "residence", copies: 1, options: { members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false } },
    completion: { outcome: "failed", reason: "fuzz" },
    "koseki-registrations": { ...common, honsekiAddress: "本町1番地", kosekiHeadName: "山田 太郎", consent: true },
  };
}

type RequestSpec = {
  route: Route;
  issuanceId: string;
  body: Uint8Array;
  headers: Record<string, string>;
  /** Send the body as a stream (no Content-Length: chunked over HTTP). */
  streamed?: boolean;
};

function buildRequest(setup: KioskFuzzSetup, spec: RequestSpec): Request {
  const url = `${setup.baseUrl}${pathOf(spec.route, spec.issuanceId)}`;
  const body = spec.streamed
    ? new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < spec.body.length; i += 16 * 1024) c.enqueue(spec.body.subarray(i, i + 16 * 1024));
          c.close();
        },
      })
    : spec.body;
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers: spec.headers, body: body as BodyInit, ...(spec.streamed ? { duplex: "half" } : {}) };
  return new Request(url, init);
}

function sign(setup: KioskFuzzSetup, route: Route, issuanceId: string, body: Uint8Array, key?: string): Record<string, string> {
  const signed = signRequest({ method: "POST", targetUri: `${setup.baseUrl}${pathOf(route, issuanceId)}`, body, keyId: setup.client.keyId, secret: setup.client.secret, idempotencyKey: key });
  return { ...signed };
}

function baseHeaders(setup: KioskFuzzSetup, ct: string | null): Record<string, string> {
  return { ...(ct === null ? {} : { "Content-Type": ct }), ...(setup.clockOverride ? { "X-Clock-Override": setup.clockOverride } : {}) };
}

export type Answer = { status: number; code: string; text: string };

/** How often each "status code" answered, per process: shows which paths the runs reached. */
export const answerCounts = new Map<string, number>();

/** The answer counts as one line, most frequent first, and forgets them. */
export function takeAnswerCounts(): string {
  const line = [...answerCounts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(", ");
  answerCounts.clear();
  return line;
}

/** The answer must be 4xx application/problem+json whose body carries `code` and the same `status`. */
export async function expectProblem4xx(res: Response, what: string): Promise<Answer> {
  const text = await res.text();
  const ct = res.headers.get("content-type") ?? "";
  const show = `${what}: ${res.status} ${ct} ${text.slice(0, 300)}`;
  if (res.status < 400 || res.status > 499) throw new Error(`expected a 4xx answer, got ${show}`);
  if (ct.split(";")[0].trim().toLowerCase() !== "application/problem+json") throw new Error(`expected application/problem+json, got ${show}`);
  let body: { code?: unknown; status?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the problem body is not JSON: ${show}`);
  }
  if (typeof body.code !== "string" || body.code === "") throw new Error(`the problem has no code: ${show}`);
  if (body.status !== res.status) throw new Error(`the problem's status differs from the HTTP status: ${show}`);
  const key = `${res.status} ${body.code}`;
  answerCounts.set(key, (answerCounts.get(key) ?? 0) + 1);
  return { status: res.status, code: body.code, text };
}

const SCHEMAS: Record<Route, z.ZodType> = { eligibility: ZEligibilityRequest, issuances: ZIssueRequest, completion: ZCompletionRequest, "koseki-registrations": ZKosekiRegistrationRequest };

/** True when the route's schema accepts the body: only then may a validly signed request be answered 2xx. */
export function passesSchema(route: Route, body: Uint8Array): boolean {
  try {
    const json: unknown = body.byteLength ? JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)) : {};
    return SCHEMAS[route].safeParse(json).success;
  } catch {
    return false;
  }
}

/**
 * A 2xx application/json answer where `mayAccept` (a validly signed, well-formed request: eligibility answers
 * 200 with every type refused for an unknown card), else a 4xx problem.
 */
async function expectAnswer(res: Response, what: string, mayAccept: boolean): Promise<Answer> {
  if (!mayAccept || res.status >= 300 || res.status < 200) return expectProblem4xx(res, what);
  const text = await res.text();
  const ct = res.headers.get("content-type") ?? "";
  if (ct.split(";")[0].trim().toLowerCase() !== "application/json") throw new Error(`a 2xx answer that is not application/json: ${what}: ${res.status} ${ct}`);
  JSON.parse(text);
  const key = `${res.status} ok`;
  answerCounts.set(key, (answerCounts.get(key) ?? 0) + 1);
  return { status: res.status, code: "ok", text };
}

const routeArb = fc.constantFrom(...ROUTES);
/** The completion route's id: a uuid (unknown), or anything a path segment can carry. */
// ("." and ".." are left out: URL parsing removes such segments, so the request would name another route.)
const issuanceIdArb = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom("%", "%2e%2e", "00000000-0000-0000-0000-000000000000")).filter((s) => s !== "." && s !== "..");

/** Content-Length as sent: absent, true, or (where the transport can) a lie, small or huge or not a number. */
const contentLengthLie = fc.option(fc.oneof(fc.nat(70_000).map(String), fc.constantFrom("0", "-1", "abc", "1e6", "99999999999999999999", "65536", "65537", " 12")), { nil: undefined, freq: 3 });

// ───────────── targets ─────────────

type SigMutation = {
  created: { kind: "now" } | { kind: "offset"; seconds: number } | { kind: "raw"; text: string };
  keyid: { kind: "real" } | { kind: "other"; text: string };
  nonce: { kind: "fresh" } | { kind: "sized"; length: number; char: string } | { kind: "raw"; text: string };
  alg: string;
  components: string[];
  label: string;
  mac: "correct" | "random" | "garbage" | "empty";
  macGarbage: string;
  digest: "correct" | "other-body" | "other-alg" | "missing" | "two-members" | "raw";
  digestRaw: string;
  withKey: string | undefined;
  keyCovered: boolean;
  extraParams: string;
};

const sigMutation: fc.Arbitrary<SigMutation> = fc.record({
  created: fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: "now" as const }) },
    fc.integer({ min: -100_000_000, max: 100_000_000 }).map((seconds) => ({ kind: "offset" as const, seconds })),
    fc.integer({ min: -400, max: 400 }).map((seconds) => ({ kind: "offset" as const, seconds })),
    fc.oneof(fc.constantFrom("", "abc", "-1", "1.5", "99999999999999999999999", "0x10", "1e9"), fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 30 })).map((text) => ({ kind: "raw" as const, text })),
  ),
  keyid: fc.oneof(
    { weight: 10, arbitrary: fc.constant({ kind: "real" as const }) },
    fc.oneof(headerValue(40), fc.constantFrom("", "demo-simulator", "x".repeat(600))).map((text) => ({ kind: "other" as const, text })),
  ),
  nonce: fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: "fresh" as const }) },
    // Lengths around and far above any sane limit; a header stays under Node's 16 KiB request-header cap.
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("sized" as const), length: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 65, max: 8000 })), char: fc.constantFrom("a", "Z", "0", "-", "_", "=", "é", " ") }) },
    headerValue(100).map((text) => ({ kind: "raw" as const, text })),
  ),
  alg: fc.oneof({ weight: 12, arbitrary: fc.constant("hmac-sha256") }, fc.constantFrom("HMAC-SHA256", "hmac-sha512", "rsa-pss-sha512", "ed25519", "", "none"), headerValue(20)),
  components: fc.oneof(
    { weight: 12, arbitrary: fc.constant<string[]>(["@method", "@target-uri", "content-digest"]) },
    fc.subarray(["@method", "@target-uri", "content-digest", "idempotency-key", "content-type", "@authority", "@path", "@query", "date", "content-length"]),
    fc.array(fc.oneof(fc.constantFrom("@method", "@target-uri", "content-digest"), fc.string({ maxLength: 10 })), { maxLength: 6 }),
  ),
  label: fc.oneof({ weight: 20, arbitrary: fc.constant(SIGNATURE_LABEL) }, fc.constantFrom("sig2", "SIG1", "", "sig1 "), fc.string({ maxLength: 6 })),
  mac: fc.oneof({ weight: 12, arbitrary: fc.constant<SigMutation["mac"]>("correct") }, fc.constantFrom<SigMutation["mac"][]>("random", "garbage", "empty")),
  macGarbage: headerValue(60),
  digest: fc.oneof({ weight: 12, arbitrary: fc.constant<SigMutation["digest"]>("correct") }, fc.constantFrom<SigMutation["digest"][]>("other-body", "other-alg", "missing", "two-members", "raw")),
  digestRaw: headerValue(80),
  withKey: fc.option(fc.oneof(fc.constantFrom("fuzz-key-0001", "k"), headerValue(140)), { nil: undefined, freq: 2 }),
  keyCovered: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, fc.constant(false)),
  extraParams: fc.oneof({ weight: 20, arbitrary: fc.constant("") }, fc.constantFrom(";expires=1", ";tag=\"x\"", ";created=1", ";nonce=\"dup\"", ";x", ";;", ";keyid=1"), headerValue(30)),
});

/** The headers of a signature with one or more parameters mutated, MAC'd with the real secret where asked. */
function mutatedSignature(setup: KioskFuzzSetup, route: Route, issuanceId: string, body: Uint8Array, m: SigMutation): { headers: Record<string, string>; broken: boolean } {
  const now = Math.floor(Date.now() / 1000);
  const created = m.created.kind === "now" ? String(now) : m.created.kind === "offset" ? String(now + m.created.seconds) : m.created.text;
  const keyid = m.keyid.kind === "real" ? setup.client.keyId : m.keyid.text;
  const nonce = m.nonce.kind === "fresh" ? crypto.randomBytes(16).toString("base64url") : m.nonce.kind === "sized" ? m.nonce.char.repeat(m.nonce.length) : m.nonce.text;
  const components = m.keyCovered && m.withKey !== undefined && !m.components.includes("idempotency-key") ? [...m.components, "idempotency-key"] : m.components;
  const serialized = `(${components.map((c) => `"${c}"`).join(" ")});created=${created};keyid="${keyid}";nonce="${nonce}";alg="${m.alg}"${m.extraParams}`;
  const targetUri = `${setup.baseUrl}${pathOf(route, issuanceId)}`;
  const digestOfBody = contentDigest(body);
  const digest =
    m.digest === "correct" ? digestOfBody
    : m.digest === "other-body" ? contentDigest(new Uint8Array([...body, 0x20]))
    : m.digest === "other-alg" ? `sha-512=:${crypto.createHash("sha512").update(body).digest("base64")}:`
    : m.digest === "missing" ? null
    : m.digest === "two-members" ? `sha-512=:AAAA:, ${digestOfBody}`
    : m.digestRaw;
  let mac: string;
  if (m.mac === "correct") {
    let base: string;
    try {
      base = signatureBase({ method: "POST", targetUri, contentDigest: digest ?? "", idempotencyKey: m.withKey }, { components, serializedParams: serialized });
    } catch {
      base = serialized;
    }
    mac = crypto.createHmac("sha256", setup.client.secret).update(base).digest("base64");
  } else if (m.mac === "random") mac = crypto.randomBytes(32).toString("base64");
  else if (m.mac === "garbage") mac = m.macGarbage;
  else mac = "";
  const headers: Record<string, string> = {
    "Signature-Input": `${m.label}=${serialized}`,
    Signature: m.mac === "garbage" ? `${m.label}=${mac}` : `${m.label}=:${mac}:`,
    ...(digest === null ? {} : { "Content-Digest": digest }),
    ...(m.withKey === undefined ? {} : { "Idempotency-Key": m.withKey }),
  };
  // Mutations after which the server may not accept the signature, whatever else it checks. (A created
  // within 5 s of the window's edge is left out: the clock moves while the request travels.)
  const skew = /^\d+$/.test(created) ? Math.abs(now - Number(created)) : Infinity;
  const broken =
    m.alg !== "hmac-sha256" ||
    // Another key id, unless the generator happened to produce the real one (the demo client's id is in its list).
    keyid !== setup.client.keyId ||
    m.label !== SIGNATURE_LABEL ||
    m.mac !== "correct" ||
    skew > 300 + 5 ||
    !["@method", "@target-uri", "content-digest"].every((c) => components.includes(c)) ||
    (m.withKey !== undefined && !components.includes("idempotency-key")) ||
    m.digest === "missing" ||
    m.digest === "other-body" ||
    m.digest === "other-alg";
  return { headers, broken };
}

/**
 * The kiosk API targets. Each run builds a request, sends it and checks the answer; the transport decides
 * where it goes. `beforeEachRun` (in-process) resets per-source failure counts so the runs reach deep paths.
 */
export function kioskTargets(setup: KioskFuzzSetup) {
  const bodies = refusedBodies(setup.municipalityCode);
  const reset = () => setup.beforeEachRun?.();

  const unsignedGarbage = fc.asyncProperty(
    routeArb.chain((route) => fc.tuple(fc.constant(route), issuanceIdArb, bodyOf(bodies[route]))),
    contentType,
    idempotencyKey,
    // Garbage signature headers (not a valid signature of anything) or none.
    fc.record({ "Signature-Input": headerValue(200), Signature: headerValue(120), "Content-Digest": fc.oneof(headerValue(80), fc.constant("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:")) }, { requiredKeys: [] }),
    setup.canLieAboutContentLength ? contentLengthLie : fc.constant(undefined),
    async ([route, id, body], ct, key, sigHeaders, length) => {
      reset();
      const headers: Record<string, string> = { ...baseHeaders(setup, ct), ...sigHeaders, ...(key === undefined ? {} : { "Idempotency-Key": key }), ...(length === undefined ? {} : { "Content-Length": length }) };
      const answer = await expectProblem4xx(await setup.send(buildRequest(setup, { route, issuanceId: id, body, headers })), `unsigned ${route}`);
      // Unsigned: only the size check and authentication can answer.
      if (!AUTH_STATUSES.has(answer.status) && answer.status !== 413 && answer.status !== 415) throw new Error(`an unsigned request got past authentication: ${answer.status} ${answer.code}`);
    },
  );

  const signedGarbage = fc.asyncProperty(
    routeArb.chain((route) => fc.tuple(fc.constant(route), issuanceIdArb, bodyOf(bodies[route]))),
    contentType,
    idempotencyKey,
    async ([route, id, body], ct, key) => {
      reset();
      // Headers cannot carry leading or trailing whitespace: the key as the server will see it is what is signed.
      const sentKey = key?.replace(/^[\t ]+|[\t ]+$/g, "");
      const headers = { ...baseHeaders(setup, ct), ...sign(setup, route, id, body, sentKey) };
      await expectAnswer(await setup.send(buildRequest(setup, { route, issuanceId: id, body, headers })), `signed ${route}`, passesSchema(route, body));
    },
  );

  const signatureMutations = fc.asyncProperty(routeArb, sigMutation, async (route, m) => {
    reset();
    const body = new Uint8Array(Buffer.from(JSON.stringify(bodies[route]), "utf8"));
    const id = crypto.randomUUID();
    const { headers: sigHeaders, broken } = mutatedSignature(setup, route, id, body, m);
    const headers = { ...baseHeaders(setup, "application/json"), ...sigHeaders };
    const answer = await expectAnswer(await setup.send(buildRequest(setup, { route, issuanceId: id, body, headers })), `signature-mutated ${route}`, !broken);
    if (broken && !AUTH_STATUSES.has(answer.status)) throw new Error(`a broken signature was not refused by authentication: ${answer.status} ${answer.code}`);
  });

  const oversizeBodies = fc.asyncProperty(
    routeArb,
    // At the limit, one byte over, or far over.
    fc.oneof(fc.integer({ min: MAX_BODY_BYTES - 2, max: MAX_BODY_BYTES + 2 }), fc.integer({ min: MAX_BODY_BYTES + 1, max: 4 * MAX_BODY_BYTES })),
    fc.boolean(),
    fc.boolean(),
    fc.nat(255),
    async (route, size, signed, streamed, fill) => {
      reset();
      // Valid JSON up to the size (a long string member) or raw bytes; both must be refused before parsing.
      const prefix = Buffer.from('{"transactionId":"', "utf8");
      const bytes = new Uint8Array(size);
      if (fill % 2 === 0 && size > prefix.length + 2) {
        bytes.fill(0x61);
        bytes.set(prefix, 0);
        bytes.set(Buffer.from('"}', "utf8"), size - 2);
      } else bytes.fill(fill);
      const id = crypto.randomUUID();
      const headers = { ...baseHeaders(setup, "application/json"), ...(signed ? sign(setup, route, id, bytes) : {}) };
      // In-process, a Request built from bytes has no Content-Length header (HTTP would send one): declared, or
      // streamed without a length (over HTTP, fetch sends the length itself and the body is never streamed).
      const inProcess = setup.canLieAboutContentLength;
      const sent = inProcess && !streamed ? { ...headers, "Content-Length": String(size) } : headers;
      const answer = await expectProblem4xx(await setup.send(buildRequest(setup, { route, issuanceId: id, body: bytes, headers: sent, streamed: inProcess && streamed })), `oversize ${route}`);
      if (size > MAX_BODY_BYTES && (answer.status !== 413 || answer.code !== "payload_too_large")) throw new Error(`a ${size}-byte body was not refused with 413 payload_too_large: ${answer.status} ${answer.code}`);
      if (size <= MAX_BODY_BYTES && answer.status === 413) throw new Error(`a ${size}-byte body (within 64 KiB) was refused as too large`);
    },
  );

  return { unsignedGarbage, signedGarbage, signatureMutations, oversizeBodies };
}

/** A valid signed request still succeeds: the server stayed healthy through the fuzzing. */
export async function expectHealthy(setup: KioskFuzzSetup): Promise<void> {
  if (!setup.healthyCard) return;
  const body = Buffer.from(JSON.stringify({ ...(refusedBodies(setup.municipalityCode).eligibility as object), card: setup.healthyCard, transactionId: crypto.randomUUID() }), "utf8");
  const headers = { ...baseHeaders(setup, "application/json"), ...sign(setup, "eligibility", "", new Uint8Array(body)) };
  const res = await setup.send(buildRequest(setup, { route: "eligibility", issuanceId: "", body: new Uint8Array(body), headers }));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the valid signed eligibility request failed after fuzzing: ${res.status} ${text.slice(0, 300)}`);
}
