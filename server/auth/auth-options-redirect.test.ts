import NextAuth from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "./auth-options";
import { fakeNextAuthResponse, type Reply } from "@/tests/next-auth-reply";

// next-auth's own request handling with our options: what it redirects to, and what the client is told to
// follow, for a callbackUrl taken from the request. No database: these routes do not read staff.

const ORIGIN = "http://localhost:3000";

async function call(action: string, init: { method?: string; query?: Record<string, string>; body?: Record<string, string>; cookies?: Record<string, string> } = {}): Promise<Reply> {
  const { reply, res } = fakeNextAuthResponse();
  const req = {
    method: init.method ?? "GET",
    query: { nextauth: [action], ...init.query },
    body: init.body,
    cookies: init.cookies ?? {},
    headers: { host: "localhost:3000" },
  };
  // The Pages-router form of the handler takes plain objects; the App-router route runs the same core.
  await (NextAuth as unknown as (req: unknown, res: unknown, options: typeof authOptions) => Promise<void>)(req, res, authOptions);
  return reply;
}

function setCookies(reply: Reply): Record<string, string> {
  const raw = reply.headers["set-cookie"];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return Object.fromEntries(list.map((c) => c.split(";", 1)[0]!.split("=")).map(([k, ...v]) => [k!, decodeURIComponent(v.join("="))]));
}

const ATTACKS = [
  "/\t/evil.example",
  "/%09/evil.example",
  "/\\evil.example",
  "/%5C%5Cevil.example",
  "//evil.example",
  "%2F%2Fevil.example",
  "https://evil.example",
  "https://localhost:3000.evil.example/",
  "javascript:alert(1)",
];

describe("next-auth redirect callback over its HTTP handler", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_URL = ORIGIN;
    process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  });

  it.each(ATTACKS)("GET /api/auth/signin?callbackUrl=%s sends to the sign-in page with the app's own callback", async (attack) => {
    const reply = await call("signin", { query: { callbackUrl: attack } });
    expect(reply.status).toBe(302);
    const location = new URL(String(reply.headers.location), ORIGIN);
    expect(location.pathname).toBe("/login");
    // next-auth refuses some values itself before the callback (?error=, no callbackUrl); none may leave.
    expect([null, `${ORIGIN}/dashboard`]).toContain(location.searchParams.get("callbackUrl"));
    expect([undefined, `${ORIGIN}/dashboard`]).toContain(setCookies(reply)["next-auth.callback-url"]);
  });

  it.each(ATTACKS)("a callback-url cookie of %s is not followed", async (attack) => {
    const reply = await call("signin", { cookies: { "next-auth.callback-url": attack } });
    expect([null, `${ORIGIN}/dashboard`]).toContain(new URL(String(reply.headers.location), ORIGIN).searchParams.get("callbackUrl"));
  });

  it("keeps a same-origin callbackUrl", async () => {
    const reply = await call("signin", { query: { callbackUrl: "/issuances?page=2" } });
    expect(new URL(String(reply.headers.location), ORIGIN).searchParams.get("callbackUrl")).toBe(`${ORIGIN}/issuances?page=2`);
  });

  it.each(ATTACKS)("POST /api/auth/signout with callbackUrl=%s answers the app's own page", async (attack) => {
    const csrf = await call("csrf");
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    const reply = await call("signout", {
      method: "POST",
      body: { csrfToken, callbackUrl: attack, json: "true" },
      cookies: { "next-auth.csrf-token": setCookies(csrf)["next-auth.csrf-token"]! },
    });
    expect(reply.body).toEqual({ url: `${ORIGIN}/dashboard` });
  });

  it("signOut's own callbackUrl still works", async () => {
    const csrf = await call("csrf");
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    const reply = await call("signout", {
      method: "POST",
      body: { csrfToken, callbackUrl: "/login?notice=password_changed", json: "true" },
      cookies: { "next-auth.csrf-token": setCookies(csrf)["next-auth.csrf-token"]! },
    });
    expect(reply.body).toEqual({ url: `${ORIGIN}/login?notice=password_changed` });
  });
});
