// HTTP methods at the edge (docs/api.md "Conventions", RFC 9110 §9.1, §15.5.6, §15.6.2).
//
// Next 16 dispatches seven methods to route handlers (next/dist/server/web/http.js). Any other method is
// served by no route here, so it answers 501 method_not_implemented; a routed method a route does not serve
// answers 405 method_not_allowed with Allow (server/http/method-not-allowed.ts). Next cannot even carry
// TRACE or TRACK to proxy.ts (undici's Request refuses them: "'TRACE' HTTP method is unsupported", a 500), so
// server/http/unsupported-method-hook.ts rewrites such a request to OPTIONS as Node parses it and records the
// method the client sent in ORIGINAL_METHOD_HEADER; proxy.ts answers 501 for it. Client-safe: proxy.ts uses it.

export const ROUTED_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

/** Set only by the hook (a client-sent value is always removed there): the method the client really sent. */
export const ORIGINAL_METHOD_HEADER = "x-konbini-original-method";

/** The method to refuse with 501, or null when Next can route the request's method. */
export function unroutedMethod(method: string, originalMethodHeader: string | null): string | null {
  if (originalMethodHeader) return originalMethodHeader;
  return ROUTED_METHODS.includes(method) ? null : method;
}
