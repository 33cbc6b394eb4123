// Every way into the server from a browser or a machine — each route handler (app/**/route.ts) and each server
// action (app/** files that start with "use server") — refuses a caller without a full staff session, unless
// PUBLIC names it with the reason. The files are found by walking app/, so a new route or action is covered
// the day it is added: it fails here until it authenticates (or is added to PUBLIC on purpose).
//
// Routes are called with a real Request and no cookie / no signature: the answer must be 401 or 403 (or a
// redirect to the sign-in page), never 2xx and never a crash. Actions are called the way Next calls them,
// with the session as next-auth would return it (getServerSession mocked, the staff row real in PostgreSQL):
//   - no session at all;
//   - a session that passed the password but not MFA (only the MFA step's own actions may act);
//   - a session whose password must be changed first (only the password change may act).
// Then a representative authorization set: a signed-in clerk or auditor calling what only an operator or an
// administrator may do is refused with `forbidden`.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NOT_SERVED } from "@/server/http/method-not-allowed";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality, createStaffUser } from "../factories";

const jwt = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: vi.fn(async () => jwt.current) }));
// Outside a Next request there is no cache to revalidate; a no-op lets an action that (wrongly) succeeds
// report its success instead of crashing.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Open to anyone, and why. The test fails when one of these no longer exists (keep the list true). */
const PUBLIC: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts#GET": "next-auth: the CSRF token and session read of the sign-in page",
  "app/api/auth/[...nextauth]/route.ts#POST": "next-auth: the password sign-in itself (throttled per account, per address and overall)",
  "app/api/healthz/route.ts#GET": "the load balancer's health check (no data)",
  "app/api/kiosk/v1/openapi.json/route.ts#GET": "the API description: a client needs it to learn how to sign",
  "app/(public)/koseki-registration/actions.ts#submitPreRegistrationAction": "the residents' pre-registration form (throttled per address and per municipality and day)",
  "app/(public)/koseki-registration/actions.ts#lookupRegistrationStatusAction": "the residents' status lookup (throttled per address and per receipt number)",
  "app/(public)/verify/actions.ts#verifyIssuanceAction": "the public certificate check by 発行番号 and 照合番号 (throttled per address and overall; answers no personal data)",
  "app/api/health/live/route.ts#GET": "the process supervisor's liveness probe (no data, no database)",
  "app/api/health/ready/route.ts#GET": "the load balancer's readiness probe (database reachable, migrations finished; no data)",
};

/** Files whose actions exist in demo mode only: outside it each answers like a missing page (notFound). */
const DEMO_ONLY: Record<string, string> = {
  "app/(simulator)/kiosk/card-actions.ts": "the kiosk simulator's card screens (a demo tool; calls the signed API like any client)",
  "app/(simulator)/kiosk/certificate-actions.ts": "the kiosk simulator's certificate screens (a demo tool; calls the signed API like any client)",
  "app/(simulator)/kiosk/registration-actions.ts": "the kiosk simulator's 利用登録 screens (a demo tool; calls the signed API like any client)",
};

/** Actions open to a session that is still at a sign-in step, by step. */
const AT_MFA_STEP = new Set(["app/(auth)/login/mfa/actions.ts#verifyMfaAction", "app/(auth)/login/mfa/actions.ts#redeemRecoveryCodeAction"]);
const AT_PASSWORD_CHANGE = new Set(["app/(portal)/account/actions.ts#changePasswordAction"]);

const UUID = "0190a000-0000-7000-8000-000000000000";
/**
 * Inputs for actions that validate before they look at the session: the check must reach the session. An
 * action that answers `validation_failed` to `{}` fails the walk until it has an entry here.
 */
const SAMPLE_INPUTS: Record<string, unknown> = {
  "app/(portal)/incidents/actions.ts#acknowledgeIncidentAction": { incidentId: UUID },
  "app/(portal)/incidents/actions.ts#closeIncidentAction": { incidentId: UUID, reason: "対応済み" },
  "app/(portal)/koseki-registrations/actions.ts#approveRegistrationAction": { registrationId: UUID, kosekiMemberId: UUID },
  "app/(portal)/koseki-registrations/actions.ts#rejectRegistrationAction": { registrationId: UUID, reasonCode: "other", note: "" },
};

/** Values for dynamic route segments (any value: the refusal must come before the path is used). */
const PARAM_SAMPLES: Record<string, string> = { code: "131016", id: UUID, format: "pdf", feed: "residents" };

// ---- discovery ------------------------------------------------------------------------------------------

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const withoutLeadingComments = (src: string) => src.replace(/^(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, "");

const files = walk(path.join(ROOT, "app"));
const routeFiles = files.filter((f) => /^route\.(ts|js|mjs)$/.test(path.basename(f)));
const actionFiles: string[] = [];
/** "use server" inside a function body (an inline action) cannot be walked: such files are listed as a failure. */
const inlineActionFiles: string[] = [];
for (const f of files) {
  const src = fs.readFileSync(f, "utf8");
  if (/^["']use server["']/.test(withoutLeadingComments(src))) actionFiles.push(f);
  else if (/["']use server["']/.test(src)) inlineActionFiles.push(rel(f));
}

type Entry = { key: string; file: string; name: string; fn: (...args: unknown[]) => Promise<unknown> };
const routes: Entry[] = [];
const actions: Entry[] = [];
const notCallable: string[] = [];
for (const f of routeFiles) {
  const mod = (await import(f)) as Record<string, unknown>;
  // The 405/OPTIONS answers of otherMethods() (server/http/method-not-allowed.ts) serve nothing: not entry points.
  for (const m of HTTP_METHODS) if (typeof mod[m] === "function" && !(NOT_SERVED in (mod[m] as object))) routes.push({ key: `${rel(f)}#${m}`, file: rel(f), name: m, fn: mod[m] as Entry["fn"] });
}
for (const f of actionFiles) {
  const mod = (await import(f)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod)) {
    // Next allows only async functions in a "use server" file; anything else is listed as a failure.
    if (typeof value === "function" && value.constructor.name === "AsyncFunction") actions.push({ key: `${rel(f)}#${name}`, file: rel(f), name, fn: value as Entry["fn"] });
    else notCallable.push(`${rel(f)}#${name}`);
  }
}

// ---- calling ----------------------------------------------------------------------------------------------

function routeCall(file: string, method: string): { req: Request; ctx: { params: Promise<Record<string, string | string[]>> } } {
  const params: Record<string, string | string[]> = {};
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/route\.\w+$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s)) // route groups are not in the URL
    .map((s) => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (catchAll) return ((params[catchAll[1]] = ["session"]), "session");
      const dynamic = /^\[(\w+)\]$/.exec(s);
      if (dynamic) return (params[dynamic[1]] = PARAM_SAMPLES[dynamic[1]] ?? "x");
      return s;
    });
  const hasBody = method !== "GET" && method !== "HEAD";
  const req = new Request(`http://localhost/${segments.join("/")}`, {
    method,
    ...(hasBody ? { headers: { "content-type": "application/json" }, body: "{}" } : {}),
  });
  return { req, ctx: { params: Promise.resolve(params) } };
}

/** What a route answered: "refused <status>" (401/403, or a redirect to sign-in) or "answered <status>". */
async function routeOutcome(e: Entry): Promise<string> {
  const { req, ctx } = routeCall(e.file, e.name);
  const res = (await e.fn(req, ctx)) as Response;
  if (res.status === 401 || res.status === 403) return `refused ${res.status}`;
  if (res.status >= 300 && res.status < 400 && /\/login/.test(res.headers.get("location") ?? "")) return `refused ${res.status}`;
  return `answered ${res.status}`;
}

/** What an action did: refused (with how), or answered (with the answer), or failed (with the error). */
async function actionOutcome(e: Entry, input: unknown = SAMPLE_INPUTS[e.key] ?? {}): Promise<string> {
  try {
    const value = (await e.fn(input)) as { ok?: unknown; code?: unknown } | undefined;
    if (value && value.ok === false && (value.code === "unauthenticated" || value.code === "password_change_required")) return `refused ${value.code}`;
    return `answered ${JSON.stringify(value)?.slice(0, 200)}`;
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return `redirect ${digest.split(";")[2]}`;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "not found";
    return `failed ${String(err).slice(0, 200)}`;
  }
}

const isPublic = (e: Entry) => Object.hasOwn(PUBLIC, e.key);
const demoOnly = (e: Entry) => Object.hasOwn(DEMO_ONLY, e.file);

// ---- sessions ---------------------------------------------------------------------------------------------

async function jwtOf(userId: string, over: Record<string, unknown> = {}) {
  const row = await ownerDb().staffUser.findUniqueOrThrow({ where: { id: userId } });
  const now = Math.floor(Date.now() / 1000);
  return { staffId: row.id, sessionVersion: row.sessionVersion, signedInAt: now, lastActivity: now, mfaPassed: true, ...over };
}

let town: { id: string; code: string };
const users = {} as Record<"clerk" | "auditor" | "mfaPending" | "mustChange", { id: string }>;

beforeAll(async () => {
  delete process.env.KONBINI_DEMO; // not demo mode: the simulator is off
  // GET /api/metrics is enabled (404 while neither METRICS_TOKEN nor METRICS_ALLOWED_ADDRESSES is set): it must refuse.
  process.env.METRICS_TOKEN = "entry-points-walk-metrics-token-0123456789";
  town = await createMunicipality();
  const enrolled = { mfaEnrolledAt: new Date("2026-01-01T00:00:00Z") };
  users.clerk = await createStaffUser({ municipalityId: town.id, role: "clerk", ...enrolled });
  users.auditor = await createStaffUser({ municipalityId: town.id, role: "auditor", ...enrolled });
  users.mfaPending = await createStaffUser({ municipalityId: town.id, role: "municipal_admin", ...enrolled });
  users.mustChange = await createStaffUser({ municipalityId: town.id, role: "municipal_admin", mustChangePassword: true, ...enrolled });
});

beforeEach(() => {
  jwt.current = null;
});

// ---- tests ------------------------------------------------------------------------------------------------

describe("the walk", () => {
  it("finds the route handlers and server actions, and only walkable ones", () => {
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(actions.length).toBeGreaterThanOrEqual(40);
    expect(inlineActionFiles, "inline server actions: move them into an actions.ts that starts with \"use server\"").toEqual([]);
    expect(notCallable, "a \"use server\" file may export async functions only").toEqual([]);
  });

  it("lists in PUBLIC and DEMO_ONLY only entry points that exist", () => {
    const keys = new Set([...routes, ...actions].map((e) => e.key));
    expect(Object.keys(PUBLIC).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.keys(DEMO_ONLY).filter((f) => !actions.some((a) => a.file === f))).toEqual([]);
    expect([...AT_MFA_STEP, ...AT_PASSWORD_CHANGE, ...Object.keys(SAMPLE_INPUTS)].filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe("without a session", () => {
  it("every route handler not in PUBLIC answers 401/403", async () => {
    const open: string[] = [];
    for (const e of routes.filter((r) => !isPublic(r))) {
      const outcome = await routeOutcome(e);
      if (!outcome.startsWith("refused ")) open.push(`${e.key}: ${outcome}`);
    }
    expect(open).toEqual([]);
  });

  it("every server action not in PUBLIC refuses (demo-only ones answer like a missing page)", async () => {
    const open: string[] = [];
    for (const e of actions.filter((a) => !isPublic(a))) {
      const outcome = await actionOutcome(e);
      const refused = demoOnly(e) ? outcome === "not found" : outcome === "refused unauthenticated" || outcome === "redirect /login";
      if (!refused) open.push(`${e.key}: ${outcome}`);
    }
    expect(open).toEqual([]);
  });
});

/** Entry points that act for the current session although it is at a sign-in step (except `allowed`). */
async function openToThisSession(allowed: ReadonlySet<string>): Promise<string[]> {
  const open: string[] = [];
  for (const e of actions.filter((a) => !isPublic(a) && !demoOnly(a) && !allowed.has(a.key))) {
    const outcome = await actionOutcome(e);
    if (!/^refused |^redirect \/login/.test(outcome)) open.push(`${e.key}: ${outcome}`);
  }
  for (const e of routes.filter((r) => !isPublic(r))) {
    const outcome = await routeOutcome(e);
    if (!outcome.startsWith("refused ")) open.push(`${e.key}: ${outcome}`);
  }
  return open;
}

describe("with a session still at a sign-in step", () => {
  it("after the password only (MFA pending), only the MFA step's actions act; every route refuses", async () => {
    jwt.current = await jwtOf(users.mfaPending.id, { mfaPassed: false });
    expect(await openToThisSession(AT_MFA_STEP)).toEqual([]);
    // The MFA step's actions do act for this session (here: a wrong code is judged, not refused as unauthenticated).
    for (const key of AT_MFA_STEP) expect(await actionOutcome(actions.find((a) => a.key === key)!, { code: "000000" })).toMatch(/^answered /);
  });

  it("with a forced password change pending, only the password change acts; every route refuses", async () => {
    jwt.current = await jwtOf(users.mustChange.id);
    expect(await openToThisSession(AT_PASSWORD_CHANGE)).toEqual([]);
  });
});

describe("signed in with a role that may not act (representative set)", () => {
  const action = (key: string) => actions.find((a) => a.key === key)!;
  const route = (key: string) => routes.find((r) => r.key === key)!;

  it("a clerk cannot create a municipality, manage staff or upload an import or a 公印", async () => {
    jwt.current = await jwtOf(users.clerk.id);
    const other = await createMunicipality();
    const municipalityForm = { code: other.code, name: "乗っ取り", nameKana: "ノットリ", prefecture: "東京都", mayorTitle: "区長", mayorName: "試験 太郎", status: "active" };
    expect(await action("app/(portal)/municipalities/actions.ts#createMunicipalityAction").fn(municipalityForm)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await action("app/(portal)/staff/actions.ts#changeRoleAction").fn({ staffUserId: users.auditor.id, role: "municipal_admin" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await action("app/(portal)/staff/actions.ts#disableStaffUserAction").fn({ staffUserId: users.auditor.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await routeOutcome(route("app/(portal)/imports/upload/route.ts#POST"))).toBe("refused 403");
    expect(await routeOutcome(route("app/(portal)/municipalities/[code]/seal/route.ts#POST"))).toBe("refused 403");
    expect(await ownerDb().staffUser.findUniqueOrThrow({ where: { id: users.auditor.id } })).toMatchObject({ role: "auditor", status: "active" });
  });

  it("an auditor cannot start an emergency stop or review a registration", async () => {
    jwt.current = await jwtOf(users.auditor.id);
    const stop = { municipalityId: town.id, certificateType: "all", reason: "監査担当による停止" };
    expect(await action("app/(portal)/service/actions.ts#startEmergencyStopAction").fn(stop)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await ownerDb().emergencyStop.count({ where: { municipalityId: town.id } })).toBe(0);
    const reject = SAMPLE_INPUTS["app/(portal)/koseki-registrations/actions.ts#rejectRegistrationAction"];
    expect(await action("app/(portal)/koseki-registrations/actions.ts#rejectRegistrationAction").fn(reject)).toMatchObject({ ok: false, code: "forbidden" });
  });
});
