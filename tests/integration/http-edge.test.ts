// The edge of the HTTP API as a client from outside meets it (issue 18): media type, bounded signature
// parameters, the target URI without KIOSK_PUBLIC_ORIGIN, the demo clock override, and 405 answers of every
// API route. The route handlers are called with real Request objects, as kiosk-http.test.ts does.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import * as healthRoute from "@/app/api/healthz/route";
import * as importRoute from "@/app/api/imports/v1/[feed]/route";
import * as eligibilityRoute from "@/app/api/kiosk/v1/eligibility/route";
import * as completionRoute from "@/app/api/kiosk/v1/issuances/[id]/completion/route";
import * as issuanceRoute from "@/app/api/kiosk/v1/issuances/route";
import * as registrationRoute from "@/app/api/kiosk/v1/koseki-registrations/route";
import * as openApiRoute from "@/app/api/kiosk/v1/openapi.json/route";
import { ORIGINAL_METHOD_HEADER } from "@/lib/http-methods";
import { ZCompletionResponse, ZIssuanceResponse, ZProblem } from "@/lib/schemas/kiosk-responses";
import { signRequest } from "@/server/kiosk-protocol/http-signatures";
import { closeRenderPool } from "@/server/pdf/render-pool";
import { proxy } from "@/proxy";
import { ownerDb } from "@/tests/setup/owner-db";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

beforeAll(() => {
  process.env.ALLOW_CLOCK_OVERRIDE = "true";
  delete process.env.KIOSK_PUBLIC_ORIGIN;
});
afterAll(closeRenderPool);

type Client = { keyId: string; secret: string };
type Options = {
  /** The URL the client calls and signs; the Request itself is built with Next's `localhost` URL. */
  calledUrl?: string;
  host?: string;
  nonce?: string;
  keyId?: string;
  headers?: Record<string, string>;
  idempotencyKey?: string;
};

/** A signed request as a centre sends it; Next hands the handler a URL with `localhost`, as `next start` does. */
function signed(path: string, body: unknown, client: Client, opts: Options = {}): Request {
  const raw = JSON.stringify(body);
  const called = opts.calledUrl ?? `http://localhost/api/kiosk/v1${path}`;
  const signature = signRequest({ method: "POST", targetUri: called, body: raw, keyId: opts.keyId ?? client.keyId, secret: client.secret, nonce: opts.nonce, idempotencyKey: opts.idempotencyKey });
  return new Request(`http://localhost/api/kiosk/v1${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Clock-Override": OPEN_AT.toISOString(),
      ...(opts.host ? { Host: opts.host } : {}),
      ...signature,
      ...opts.headers,
    },
    body: raw,
  });
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = ZProblem.parse(await res.json());
  expect({ httpStatus: res.status, code: problem.code }).toEqual({ httpStatus: status, code });
  return problem;
}

async function setup() {
  const m = await createServedMunicipality();
  const { card } = await createCardholder(m.id);
  const api = await createApiClient();
  const client = { keyId: api.client.keyId, secret: api.secret };
  const { transactionId, terminal, municipalityCode, purpose } = issueBody(m.code, card);
  const eligibilityBody = { transactionId, terminal, card: { issuer: card.issuer, serial: card.serial }, municipalityCode, purpose };
  return { m, card, api, client, eligibilityBody };
}

const eligibility = (req: Request) => eligibilityRoute.POST(req);
const nonceCount = (apiClientId: string) => ownerDb().apiNonce.count({ where: { apiClientId } });

describe("Content-Type of the signed JSON routes", () => {
  it("answers 415 unsupported_media_type for anything but application/json, before the nonce is spent", async () => {
    const { api, client, eligibilityBody } = await setup();
    for (const contentType of [null, "text/plain", "application/x-www-form-urlencoded", "application/json-patch+json", "application/json; charset=shift_jis"]) {
      const req = signed("/eligibility", eligibilityBody, client, { nonce: "same-nonce-0001" });
      if (contentType === null) req.headers.delete("content-type");
      else req.headers.set("content-type", contentType);
      await expectProblem(await eligibility(req), 415, "unsupported_media_type");
    }
    expect(await nonceCount(api.client.id)).toBe(0);
    // The same nonce is still good: the 415s were answered before authentication.
    const ok = await eligibility(signed("/eligibility", eligibilityBody, client, { nonce: "same-nonce-0001", headers: { "Content-Type": "Application/JSON; charset=UTF-8" } }));
    expect(ok.status).toBe(200);
  });

  it("applies to every signed JSON route", async () => {
    const { client, eligibilityBody } = await setup();
    const text = { "Content-Type": "text/plain" };
    const id = "00000000-0000-4000-8000-000000000000";
    await expectProblem(await issuanceRoute.POST(signed("/issuances", eligibilityBody, client, { headers: text, idempotencyKey: "edge-key-0001" })), 415, "unsupported_media_type");
    await expectProblem(await completionRoute.POST(signed(`/issuances/${id}/completion`, { outcome: "printed" }, client, { headers: text }), { params: Promise.resolve({ id }) }), 415, "unsupported_media_type");
    await expectProblem(await registrationRoute.POST(signed("/koseki-registrations", eligibilityBody, client, { headers: text })), 415, "unsupported_media_type");
  });
});

describe("signature parameter limits", () => {
  it("refuses a 12,000-character nonce with 400 and stores nothing", async () => {
    const { api, client, eligibilityBody } = await setup();
    const problem = await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { nonce: "n".repeat(12_000) })), 400, "signature_parameter_too_long");
    expect(problem.detail).toContain("Signature-Input");
    expect(await nonceCount(api.client.id)).toBe(0);
    // At the limit it is accepted.
    expect((await eligibility(signed("/eligibility", eligibilityBody, client, { nonce: "n".repeat(128) }))).status).toBe(200);
    const tooLong = await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { nonce: "n".repeat(129) })), 400, "signature_parameter_too_long");
    expect(tooLong.detail).toContain("nonce");
    expect(await nonceCount(api.client.id)).toBe(1);
  });

  it("bounds keyid, alg, the signature value and the Signature-Input header", async () => {
    const { client, eligibilityBody } = await setup();
    await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { keyId: "k".repeat(65) })), 400, "signature_parameter_too_long");
    const req = (mutate: (h: Headers) => void) => {
      const r = signed("/eligibility", eligibilityBody, client);
      mutate(r.headers);
      return eligibility(r);
    };
    await expectProblem(await req((h) => h.set("signature-input", h.get("signature-input")!.replace('alg="hmac-sha256"', `alg="${"a".repeat(33)}"`))), 400, "signature_parameter_too_long");
    await expectProblem(await req((h) => h.set("signature", `sig1=:${"A".repeat(132)}:`)), 400, "signature_parameter_too_long");
    await expectProblem(await req((h) => h.set("signature-input", `${h.get("signature-input")}, other=("@method");created=1;x="${"x".repeat(1024)}"`)), 400, "signature_parameter_too_long");
  });
});

describe("the target URI without KIOSK_PUBLIC_ORIGIN", () => {
  it("verifies the URL the client called (its Host header), whether 127.0.0.1 or localhost", async () => {
    const { client, eligibilityBody } = await setup();
    for (const host of ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000"]) {
      const res = await eligibility(signed("/eligibility", eligibilityBody, client, { calledUrl: `http://${host.toLowerCase()}/api/kiosk/v1/eligibility`, host }));
      expect(res.status, host).toBe(200);
    }
    // A default port is not part of the URL the client signs.
    expect((await eligibility(signed("/eligibility", eligibilityBody, client, { calledUrl: "http://127.0.0.1/api/kiosk/v1/eligibility", host: "127.0.0.1:80" }))).status).toBe(200);
    // Signed for another host than it called: refused, and the detail names the URI the server verified.
    const problem = await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { calledUrl: "http://127.0.0.1:3000/api/kiosk/v1/eligibility", host: "localhost:3000" })), 401, "signature_invalid");
    expect(problem.detail).toContain("http://localhost:3000/api/kiosk/v1/eligibility");
    expect(problem.detail).toContain("KIOSK_PUBLIC_ORIGIN");
  });

  it("uses KIOSK_PUBLIC_ORIGIN when it is set, whatever the Host header says", async () => {
    const { client, eligibilityBody } = await setup();
    process.env.KIOSK_PUBLIC_ORIGIN = "https://shomei.example.jp";
    try {
      expect((await eligibility(signed("/eligibility", eligibilityBody, client, { calledUrl: "https://shomei.example.jp/api/kiosk/v1/eligibility", host: "10.0.0.5:3000" }))).status).toBe(200);
      await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { calledUrl: "http://10.0.0.5:3000/api/kiosk/v1/eligibility", host: "10.0.0.5:3000" })), 401, "signature_invalid");
    } finally {
      delete process.env.KIOSK_PUBLIC_ORIGIN;
    }
  });
});

describe("X-Clock-Override", () => {
  it("accepts only a full ISO 8601 instant with date, time and offset", async () => {
    const { client, eligibilityBody } = await setup();
    for (const value of ["2026", "tomorrow", "1795741200000", "2026-11-27", "2026-11-27T10:00:00", "2026-11-27T10:00+09:00", "2026-02-30T10:00:00Z", "Fri, 27 Nov 2026 01:00:00 GMT"]) {
      await expectProblem(await eligibility(signed("/eligibility", eligibilityBody, client, { headers: { "X-Clock-Override": value } })), 400, "bad_request");
    }
    for (const value of ["2026-11-27T10:00:00+09:00", "2026-11-27T01:00:00Z", "2026-11-27T01:00:00.000Z"]) {
      expect((await eligibility(signed("/eligibility", eligibilityBody, client, { headers: { "X-Clock-Override": value } }))).status, value).toBe(200);
    }
  });

  it("never dates a completion before its issuance, whatever the clock override says", async () => {
    const { m, card, client } = await setup();
    const issued = await issuanceRoute.POST(signed("/issuances", issueBody(m.code, card), client, { idempotencyKey: "edge-clock-0001" }));
    expect(issued.status).toBe(200);
    const { issuanceId } = ZIssuanceResponse.parse(await issued.json());
    // The centre's client sends the override on every request (scripts/kiosk/client.ts), completion included.
    const res = await completionRoute.POST(signed(`/issuances/${issuanceId}/completion`, { outcome: "printed" }, client, { headers: { "X-Clock-Override": "2020-01-01T00:00:00Z" } }), { params: Promise.resolve({ id: issuanceId }) });
    expect(res.status).toBe(200);
    const done = ZCompletionResponse.parse(await res.json());
    const row = await ownerDb().issuance.findUniqueOrThrow({ where: { id: issuanceId } });
    expect(row.completedAt!.getTime()).toBe(row.renderedAt.getTime());
    expect(new Date(done.completedAt).getTime()).toBe(row.renderedAt.getTime());
    // A later override dates it (a demo run lands in the month it is judged in).
    const later = await issuanceRoute.POST(signed("/issuances", issueBody(m.code, card), client, { idempotencyKey: "edge-clock-0002" }));
    const second = ZIssuanceResponse.parse(await later.json());
    const at = new Date(new Date(second.renderedAt).getTime() + 60_000).toISOString();
    const res2 = await completionRoute.POST(signed(`/issuances/${second.issuanceId}/completion`, { outcome: "printed" }, client, { headers: { "X-Clock-Override": at } }), { params: Promise.resolve({ id: second.issuanceId }) });
    expect(ZCompletionResponse.parse(await res2.json()).completedAt).toBe(at);
  });
});

describe("methods", () => {
  type RouteModule = Partial<Record<"GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS", (req: Request, ctx?: never) => Response | Promise<Response>>>;
  const routes: [string, RouteModule, string][] = [
    ["/api/kiosk/v1/eligibility", eligibilityRoute as RouteModule, "OPTIONS, POST"],
    ["/api/kiosk/v1/issuances", issuanceRoute as RouteModule, "OPTIONS, POST"],
    ["/api/kiosk/v1/issuances/x/completion", completionRoute as RouteModule, "OPTIONS, POST"],
    ["/api/kiosk/v1/koseki-registrations", registrationRoute as RouteModule, "OPTIONS, POST"],
    ["/api/kiosk/v1/openapi.json", openApiRoute as RouteModule, "GET, HEAD, OPTIONS"],
    ["/api/healthz", healthRoute as RouteModule, "GET, HEAD, OPTIONS"],
    ["/api/imports/v1/residents", importRoute as RouteModule, "OPTIONS, POST"],
    ["/api/auth/session", authRoute as RouteModule, "GET, HEAD, OPTIONS, POST"],
  ];

  it("answers a method a route does not serve with 405 problem+json and Allow, and OPTIONS with the same Allow", async () => {
    for (const [path, route, allow] of routes) {
      const served = allow.split(", ");
      for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH"].filter((m) => !served.includes(m))) {
        const handler = route[method as keyof RouteModule];
        expect(handler, `${method} ${path} is exported`).toBeTypeOf("function");
        const res = await handler!(new Request(`http://localhost${path}`, { method }));
        expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
        const problem = await expectProblem(res, 405, "method_not_allowed");
        expect(problem.instance).toBe(path);
      }
      const options = await route.OPTIONS!(new Request(`http://localhost${path}`, { method: "OPTIONS" }));
      expect({ path, status: options.status, allow: options.headers.get("allow") }).toEqual({ path, status: 204, allow });
    }
  });

  it("answers a method no route serves with 501 problem+json on any path (proxy.ts), TRACE included", async () => {
    // TRACE and TRACK reach the proxy as OPTIONS marked by the request-start hook (undici cannot carry them).
    for (const [path, method, marker] of [["/api/kiosk/v1/eligibility", "OPTIONS", "TRACE"], ["/login", "OPTIONS", "TRACK"], ["/api/healthz", "PROPFIND", null], ["/", "PURGE", null]] as const) {
      const req = new NextRequest(`http://localhost${path}`, { method, headers: marker ? { [ORIGINAL_METHOD_HEADER]: marker } : {} });
      const res = proxy(req);
      const problem = await expectProblem(res, 501, "method_not_implemented");
      expect(problem.detail).toContain(marker ?? method);
      expect(res.headers.get("content-security-policy")).toBeTruthy();
    }
    // Routed methods pass through.
    expect(proxy(new NextRequest("http://localhost/api/healthz", { method: "OPTIONS" })).headers.get("x-middleware-next")).toBe("1");
  });
});
