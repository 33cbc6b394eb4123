import "server-only";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { ORIGINAL_METHOD_HEADER, ROUTED_METHODS } from "@/lib/http-methods";

// Node publishes "http.server.request.start" when it has parsed a request, before Next's "request" listener
// runs (the same channel as peer-address.ts). A method Next cannot route (TRACE, TRACK, PROPFIND, …) would
// otherwise end in a 500 (TRACE, TRACK: undici refuses to build the Request) or an empty 400 (the others), so
// it is carried through Next as OPTIONS — safe everywhere, no route here has side effects on OPTIONS — with
// the real method in ORIGINAL_METHOD_HEADER, and proxy.ts answers 501 problem+json (lib/http-methods.ts).

const CHANNEL = "http.server.request.start";

/** Rewrites one parsed request (exported for the unit test). A client-sent marker header never survives. */
export function carryUnroutedMethod(request: Pick<IncomingMessage, "method" | "headers">): void {
  delete request.headers[ORIGINAL_METHOD_HEADER];
  const method = request.method ?? "";
  if (ROUTED_METHODS.includes(method)) return;
  request.headers[ORIGINAL_METHOD_HEADER] = method;
  request.method = "OPTIONS";
}

/** Installs the hook once per process (instrumentation.ts). */
export function installUnsupportedMethodHook(): void {
  const g = globalThis as Record<symbol, unknown>;
  const key = Symbol.for("konbini.unsupportedMethodChannel");
  if (g[key]) return;
  // The channel object is held for the life of the process (channels are weakly referenced by name).
  const channel = diagnostics.channel(CHANNEL);
  channel.subscribe((message) => carryUnroutedMethod((message as { request: IncomingMessage }).request));
  g[key] = channel;
}
