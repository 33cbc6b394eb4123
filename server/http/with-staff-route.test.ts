import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { StaffSession } from "../auth/require-staff";
import { PROBLEM_CONTENT_TYPE } from "./problem-response";
import { UPLOAD_HEADER, withStaffRoute } from "./with-staff-route";

const session = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock("../auth/require-staff", () => ({ getStaffSession: vi.fn(async () => session.current) }));

const clerk = { staffId: "s1", loginId: "clerk", displayName: "窓口 太郎", role: "clerk", municipality: null, ctx: { actor: { type: "staff", id: "s1", role: "clerk", municipalityId: null }, municipalityId: null, requestId: "r" } } satisfies StaffSession;
const admin = { ...clerk, role: "municipal_admin" } satisfies StaffSession;

beforeEach(() => {
  session.current = clerk;
});

async function problem(res: Response, status: number, code: string) {
  expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  const body = (await res.json()) as { code: string; status: number } & Record<string, unknown>;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  return body;
}

const ok = vi.fn(async () => new Response("ok"));
const upload = withStaffRoute({ permission: "imports:run", sameOrigin: true, uploadHeader: true, body: { maxBytes: 8 } }, async ({ body }) => {
  const file = await body.spool();
  await file.cleanup();
  return Response.json({ bytes: file.bytes });
});
const portal = (init: { body?: BodyInit; headers?: Record<string, string> } = {}) =>
  new Request("http://localhost/imports/upload", { method: "POST", body: init.body ?? "abc", headers: { origin: "http://localhost", [UPLOAD_HEADER]: "1", ...init.headers } });

describe("withStaffRoute", () => {
  it("answers 401 unauthenticated without a full session, before the handler runs", async () => {
    session.current = null;
    await problem(await withStaffRoute({}, ok)(new Request("http://localhost/x")), 401, "unauthenticated");
    expect(ok).not.toHaveBeenCalled();
  });

  it("answers 403 forbidden to a role not in the list", async () => {
    await problem(await upload(portal()), 403, "forbidden");
    session.current = admin;
    expect(await (await upload(portal())).json()).toEqual({ bytes: 3 });
  });

  it("refuses another origin, an unparsable one and a request without the upload header with 403", async () => {
    session.current = admin;
    await problem(await upload(portal({ headers: { origin: "https://evil.example" } })), 403, "forbidden");
    await problem(await upload(portal({ headers: { origin: "null" } })), 403, "forbidden");
    await problem(await upload(portal({ headers: { [UPLOAD_HEADER]: "" } })), 403, "forbidden");
    const crossSite = new Request("http://localhost/imports/upload", { method: "POST", body: "abc", headers: { "sec-fetch-site": "cross-site", [UPLOAD_HEADER]: "1" } });
    await problem(await upload(crossSite), 403, "forbidden");
    // Behind a proxy the URL Next sees differs; the Host the browser sent is the portal's.
    const proxied = portal({ headers: { origin: "https://portal.example.jp", host: "portal.example.jp" } });
    expect((await upload(proxied)).status).toBe(200);
  });

  it("answers 413 with details.maxBytes by Content-Length before the session, and while streaming", async () => {
    session.current = null;
    const declared = await problem(await upload(portal({ headers: { "content-length": "9" } })), 413, "payload_too_large");
    expect(declared.maxBytes).toBe(8);
    session.current = admin;
    await problem(await upload(portal({ body: "123456789" })), 413, "payload_too_large");
    const seal = withStaffRoute({ body: { maxBytes: 4, code: "seal_too_large" } }, async ({ body }) => new Response(new Uint8Array(await body.bytes())));
    await problem(await seal(new Request("http://localhost/seal", { method: "POST", body: "12345" })), 413, "seal_too_large");
    expect(await (await seal(new Request("http://localhost/seal", { method: "POST", body: "1234" }))).text()).toBe("1234");
  });

  it("parses the query with the route's schema: 422 validation_failed with details.errors", async () => {
    const route = withStaffRoute({ query: z.object({ municipality: z.string().regex(/^\d{6}$/) }) }, async ({ query }) => Response.json(query));
    const bad = await problem(await route(new Request("http://localhost/preview/set?municipality=x")), 422, "validation_failed");
    expect(bad.errors).toEqual([{ path: "municipality", message: expect.any(String) }]);
    expect(await (await route(new Request("http://localhost/preview/set?municipality=131016"))).json()).toEqual({ municipality: "131016" });
  });

  it("passes the path's parameters and maps a thrown error to problem+json", async () => {
    const route = withStaffRoute({}, async ({ params }) => Response.json(params));
    expect(await (await route(new Request("http://localhost/m/131016/seal"), { params: Promise.resolve({ code: "131016" }) })).json()).toEqual({ code: "131016" });
    const failing = withStaffRoute({}, async () => {
      throw new Error("boom");
    });
    await problem(await failing(new Request("http://localhost/x")), 500, "internal_error");
  });
});

describe("the portal's route handlers", () => {
  it("all go through withStaffRoute (no hand-rolled session, origin or size checks)", () => {
    const portal = path.resolve(import.meta.dirname, "../../app/(portal)");
    const routes = fs.readdirSync(portal, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const handRolled = routes.filter((f) => {
      const src = fs.readFileSync(path.join(portal, f), "utf8");
      return !/from "@\/server\/http\/with-staff-route"/.test(src) || /getStaffSession|withProblemJson|read-request-body|headers\.get\(/.test(src);
    });
    expect(handRolled).toEqual([]);
  });
});
