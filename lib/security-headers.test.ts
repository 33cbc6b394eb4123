import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { securityHeaders } from "./security-headers";

// proxy.ts over real NextRequest objects: the headers a response leaves with, and the request headers Next
// renders with (NextResponse.next passes them on as x-middleware-request-*).

const ORIGIN = "http://localhost:3000";

function run(path: string, env: { NEXTAUTH_URL?: string; NODE_ENV?: string } = {}, init: { headers?: Record<string, string> } = {}) {
  vi.stubEnv("NEXTAUTH_URL", env.NEXTAUTH_URL ?? ORIGIN);
  vi.stubEnv("NODE_ENV", env.NODE_ENV ?? "production");
  const response = proxy(new NextRequest(new URL(path, ORIGIN), { headers: init.headers }));
  const csp = response.headers.get("content-security-policy") ?? "";
  return {
    response,
    csp,
    directive: (name: string) => csp.split(";").map((d) => d.trim()).find((d) => d === name || d.startsWith(`${name} `)) ?? null,
    nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? null,
    // What the page is rendered with: Next takes the nonce from the request's Content-Security-Policy.
    forwarded: (name: string) => response.headers.get(`x-middleware-request-${name}`),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy: Content-Security-Policy on pages", () => {
  it.each(["/login", "/dashboard", "/koseki-registration", "/kiosk", "/api-docs", "/"])("%s gets a nonce policy without 'unsafe-inline' scripts", (path) => {
    const r = run(path);
    expect(r.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(r.directive("script-src")).toBe(`script-src 'self' 'nonce-${r.nonce}' 'strict-dynamic'`);
    expect(r.directive("style-src")).toBe(`style-src 'self' 'nonce-${r.nonce}'`);
    expect(r.csp).not.toContain("unsafe-inline");
    expect(r.csp).not.toContain("unsafe-eval");
    expect(r.directive("default-src")).toBe("default-src 'self'");
    expect(r.directive("object-src")).toBe("object-src 'none'");
    expect(r.directive("base-uri")).toBe("base-uri 'none'");
    expect(r.directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    // The same policy, with the same nonce, reaches the renderer; the response is passed on, not rewritten.
    expect(r.forwarded("content-security-policy")).toBe(r.csp);
    expect(r.forwarded("x-nonce")).toBe(r.nonce);
    expect(r.response.headers.get("x-middleware-next")).toBe("1");
  });

  it("a fresh nonce for every request", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => run("/login").nonce));
    expect(nonces.size).toBe(50);
  });

  it("a client's own Content-Security-Policy or x-nonce request header is overwritten", () => {
    const r = run("/login", {}, { headers: { "content-security-policy": "script-src 'nonce-attacker'", "x-nonce": "attacker" } });
    expect(r.forwarded("content-security-policy")).toBe(r.csp);
    expect(r.forwarded("x-nonce")).toBe(r.nonce);
    expect(r.csp).not.toContain("attacker");
  });

  it("the staff preview PDF may be framed by the portal itself, and nothing else may", () => {
    expect(run("/preview/pdf?municipality=131121&type=residence").directive("frame-ancestors")).toBe("frame-ancestors 'self'");
    expect(run("/preview").directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(run("/preview/pdfx").directive("frame-ancestors")).toBe("frame-ancestors 'none'");
  });

  it("the development server gets eval and inline styles; a production server never does", () => {
    const dev = run("/login", { NODE_ENV: "development" });
    expect(dev.directive("script-src")).toContain("'unsafe-eval'");
    expect(dev.directive("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.directive("style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });
});

describe("proxy: the API", () => {
  it.each(["/api/kiosk/v1/eligibility", "/api/kiosk/v1/openapi.json", "/api/auth/session", "/api/healthz"])("%s: a policy that allows nothing, no nonce", (path) => {
    const r = run(path);
    expect(r.directive("default-src")).toBe("default-src 'none'");
    expect(r.directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(r.nonce).toBeNull();
    expect(r.response.headers.get("permissions-policy")).toContain("camera=()");
  });
});

describe("proxy: HSTS and Permissions-Policy", () => {
  it("no HSTS and no upgrade-insecure-requests when the portal is served over http", () => {
    for (const path of ["/login", "/api/healthz"]) {
      const r = run(path, { NEXTAUTH_URL: "http://localhost:3000" });
      expect(r.response.headers.get("strict-transport-security")).toBeNull();
      expect(r.directive("upgrade-insecure-requests")).toBeNull();
    }
  });

  it("HSTS on every response, and upgrade-insecure-requests on pages, behind TLS", () => {
    for (const path of ["/login", "/kiosk", "/api/kiosk/v1/eligibility", "/preview/pdf"]) {
      const r = run(path, { NEXTAUTH_URL: "https://shomei.example.lg.jp" });
      expect(r.response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    }
    expect(run("/login", { NEXTAUTH_URL: "https://shomei.example.lg.jp" }).directive("upgrade-insecure-requests")).toBe("upgrade-insecure-requests");
  });

  it("a forged X-Forwarded-Proto does not turn HSTS on or off: the configured address decides", () => {
    expect(run("/login", { NEXTAUTH_URL: "http://localhost:3000" }, { headers: { "x-forwarded-proto": "https" } }).response.headers.get("strict-transport-security")).toBeNull();
    expect(run("/login", { NEXTAUTH_URL: "https://shomei.example.lg.jp" }, { headers: { "x-forwarded-proto": "http" } }).response.headers.get("strict-transport-security")).not.toBeNull();
  });

  it("Permissions-Policy switches off the features the app never uses", () => {
    const policy = run("/kiosk").response.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"]) expect(policy).toContain(`${feature}=()`);
  });
});

describe("the kiosk API's headers (next.config.js; proxy.ts skips that path)", () => {
  it("are the ones securityHeaders gives an /api/ path, HSTS aside", async () => {
    // @ts-expect-error next.config.js is plain JavaScript (allowJs is off)
    const { default: config } = (await import("../next.config.js")) as { default: NextConfig };
    const rules = await config.headers!();
    const kiosk = rules.find((r) => r.source === "/api/kiosk/:path*");
    const fromConfig = Object.fromEntries(kiosk!.headers.map((h) => [h.key, h.value]));
    expect(fromConfig).toEqual(securityHeaders({ pathname: "/api/kiosk/v1/issuances", nonce: "n", https: false, dev: false }));
  });
});
