// The per-request security headers that proxy.ts sets on every response (docs/security.md). The static ones
// (X-Content-Type-Options, Referrer-Policy, X-Frame-Options) stay in next.config.js; these depend on the
// request (a fresh CSP nonce) or on the run-time address (HSTS), which next.config.js's headers cannot —
// those are fixed at build time. The kiosk API's (fixed) headers come from next.config.js, which proxy.ts skips.
import { API_CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from "./security-headers-api.mjs";

/**
 * True when the portal's public address (NEXTAUTH_URL) is https: the app is then served behind TLS (nginx
 * terminates it), so HSTS is sent and the session cookie is `__Secure-` and Secure. One decision for both,
 * taken from the configured address rather than from a request header a client could forge.
 */
export function isServedOverHttps(publicUrl: string | undefined): boolean {
  if (!publicUrl) return false;
  try {
    return new URL(publicUrl).protocol === "https:";
  } catch {
    return false;
  }
}

/** 128 random bits, base64: unguessable and new for every request, as a CSP nonce must be. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export { PERMISSIONS_POLICY };

export const HSTS = "max-age=31536000; includeSubDomains";

// Route handlers under app/(portal) that answer with something other than an HTML page. Only the staff
// preview PDF is framed, by the portal's own preview page.
const SAME_ORIGIN_FRAMEABLE = new Set(["/preview/pdf"]);

export type SecurityHeaderInput = { pathname: string; nonce: string; https: boolean; dev: boolean };

/**
 * The Content-Security-Policy for a path. Pages: scripts only with this request's nonce ('strict-dynamic' lets
 * Next's nonce-bearing runtime load its own chunks); styles from the app's stylesheets or with the nonce — no
 * 'unsafe-inline' for either. Next puts the nonce on its scripts and style tags itself, reading it from the
 * request's Content-Security-Policy header. `blob:` frames are the simulator's printed PDF, `data:` images the
 * MFA QR code. The JSON API and next-auth's endpoints get a policy that allows nothing at all.
 */
export function contentSecurityPolicy({ pathname, nonce, https, dev }: SecurityHeaderInput): string {
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return API_CONTENT_SECURITY_POLICY;
  }
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; `next build` output never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // The development server injects unnonced style tags for hot reloading.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${SAME_ORIGIN_FRAMEABLE.has(pathname) ? "'self'" : "'none'"}`,
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Response headers for a request: CSP, Permissions-Policy, and HSTS behind TLS. */
export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(input),
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(input.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
