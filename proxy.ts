import { NextResponse, type NextRequest } from "next/server";
import { ORIGINAL_METHOD_HEADER, unroutedMethod } from "@/lib/http-methods";
import { PROBLEM_CONTENT_TYPE, problemDetails } from "@/lib/problem-details";
import { createNonce, isServedOverHttps, securityHeaders } from "@/lib/security-headers";
import { getEnv } from "@/server/env";

// Next 16's request proxy (formerly middleware): security headers on every response, with a fresh CSP nonce
// per request (lib/security-headers.ts, docs/security.md). Next reads the nonce from the request's
// Content-Security-Policy header while rendering and puts it on its own <script> and <style> tags; a client's
// own Content-Security-Policy or x-nonce request header is overwritten. Authorization is not done here: each
// page and verb authorizes itself.
export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const env = getEnv();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    https: isServedOverHttps(env.NEXTAUTH_URL),
    dev: env.NODE_ENV === "development",
  });
  // A method no route here serves (TRACE, PROPFIND, …; lib/http-methods.ts): 501 on every path, before Next
  // tries to route it. RFC 9110 §9.1: "unrecognized or not implemented" is 501, not 405.
  const unrouted = unroutedMethod(request.method, request.headers.get(ORIGINAL_METHOD_HEADER));
  if (unrouted) {
    const problem = problemDetails({ code: "method_not_implemented", detail: `the ${unrouted} method is not implemented by this server`, instance: request.nextUrl.pathname });
    const response = new NextResponse(JSON.stringify(problem), { status: problem.status, headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store" } });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files (content-hashed scripts and styles, not documents) and the two
  // import upload routes: Next buffers a request body for the proxy and cuts it at proxyClientMaxBodySize (10 MB),
  // so a larger import file reached the route truncated and was refused (content_digest_mismatch) — found by the
  // fault harness's 100,000-row upload (tests/faults). Those routes stream the body to disk themselves
  // (server/http/read-request-body.ts) and answer JSON, which needs no CSP nonce.
  // The second entry: a method the hook carried as OPTIONS (lib/http-methods.ts) is answered on those paths too.
  // The kiosk API (api/kiosk/) is skipped too: its answers are JSON with fixed security headers, which
  // next.config.js sets without running this function for every request of the issuance hot path.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/imports/|api/kiosk/|imports/upload).*)", { source: "/:path*", has: [{ type: "header", key: "x-konbini-original-method" }] }],
};
