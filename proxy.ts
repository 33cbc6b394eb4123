import { NextResponse, type NextRequest } from "next/server";
import { createNonce, isServedOverHttps, securityHeaders } from "@/lib/security-headers";

// Next 16's request proxy (formerly middleware): security headers on every response, with a fresh CSP nonce
// per request (lib/security-headers.ts, docs/security.md). Next reads the nonce from the request's
// Content-Security-Policy header while rendering and puts it on its own <script> and <style> tags; a client's
// own Content-Security-Policy or x-nonce request header is overwritten. Authorization is not done here: each
// page and verb authorizes itself.
export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    https: isServedOverHttps(process.env.NEXTAUTH_URL),
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files (content-hashed scripts and styles, not documents).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
