import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeNextAuthResponse, type Reply } from "@/tests/next-auth-reply";

// The session cookie as next-auth's own HTTP handler sets it with our options, for a portal served behind TLS
// (an https NEXTAUTH_URL) and over plain http (development, the e2e server). No database: the session route
// only decodes the JWT and runs the callbacks. authOptions is read once per process, so each case imports it
// afresh with its NEXTAUTH_URL.

const SECRET = "test-secret-test-secret-test-secret-0123";

async function call(origin: string, action: string, cookies: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  vi.stubEnv("NEXTAUTH_URL", origin);
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.resetModules();
  const { default: NextAuth } = await import("next-auth");
  const { authOptions } = await import("./auth-options");
  const { reply, res } = fakeNextAuthResponse();
  const req = { method: "GET", query: { nextauth: [action] }, cookies, headers: { host: new URL(origin).host, ...headers } };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: typeof authOptions) => Promise<void>)(req, res, authOptions);
  return reply;
}

function setCookieLines(reply: Reply): string[] {
  const raw = reply.headers["set-cookie"];
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
}

function cookieNamed(reply: Reply, name: string): string | undefined {
  return setCookieLines(reply).find((line) => line.startsWith(`${name}=`));
}

async function sessionToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return encode({ secret: SECRET, token: { sub: "staff-1", sessionVersion: 1, signedInAt: now, lastActivity: now, mfaPassed: true } });
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("session cookie behind TLS", () => {
  const HTTPS = "https://shomei.example.lg.jp";

  it("is __Secure-next-auth.session-token, Secure and HttpOnly", async () => {
    const reply = await call(HTTPS, "session", { "__Secure-next-auth.session-token": await sessionToken() });
    expect((reply.body as { staffId?: string }).staffId).toBe("staff-1");
    const cookie = cookieNamed(reply, "__Secure-next-auth.session-token");
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Lax(;|$)/i);
    expect(cookieNamed(reply, "next-auth.session-token")).toBeUndefined();
  });

  it("a cookie under the plain name (set over http, or planted) is not a session", async () => {
    const reply = await call(HTTPS, "session", { "next-auth.session-token": await sessionToken() });
    expect(reply.body).toEqual({});
  });

  it("the CSRF cookie is __Host- and Secure", async () => {
    const reply = await call(HTTPS, "csrf", {});
    expect(cookieNamed(reply, "__Host-next-auth.csrf-token")).toMatch(/; Secure(;|$)/);
  });

  it("a request claiming X-Forwarded-Proto: http does not downgrade it", async () => {
    const reply = await call(HTTPS, "session", { "__Secure-next-auth.session-token": await sessionToken() }, { "x-forwarded-proto": "http" });
    expect(cookieNamed(reply, "__Secure-next-auth.session-token")).toMatch(/; Secure(;|$)/);
  });
});

describe("session cookie over plain http (development, e2e)", () => {
  it("keeps the plain name without Secure, so a browser on http://localhost still sends it", async () => {
    const reply = await call("http://localhost:3000", "session", { "next-auth.session-token": await sessionToken() });
    expect((reply.body as { staffId?: string }).staffId).toBe("staff-1");
    const cookie = cookieNamed(reply, "next-auth.session-token");
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/; Secure(;|$)/);
    expect(cookieNamed(reply, "__Secure-next-auth.session-token")).toBeUndefined();
  });
});
