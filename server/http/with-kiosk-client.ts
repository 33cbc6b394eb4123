import "server-only";
import type { z } from "zod";
import { authenticateKioskRequest } from "../api-clients/authenticate-request";
import { requireScope, type RequestContext } from "../context";
import type { ApiClientScope } from "../generated/prisma/enums";
import { ZClockOverride } from "@/lib/schemas/kiosk";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { beforeDeadline } from "@/lib/before-deadline";
import { problemResponse } from "./problem-response";
import { readRequestBody } from "./read-request-body";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The URI the client signed. Behind a reverse proxy: KIOSK_PUBLIC_ORIGIN + path and query. Otherwise the URL as
 * the client called it: the Host header it sent and the scheme Next saw the request arrive by (the protocol
 * of req.url), normalised like any URL (lowercase host, no default port). Not req.url itself: Next builds it
 * with its own hostname (`localhost`), so a client that called http://127.0.0.1:3000/… would never verify.
 */
export function targetUriOf(req: Request): string {
  const url = new URL(req.url);
  const origin = getEnv().KIOSK_PUBLIC_ORIGIN;
  if (origin) return `${origin.replace(/\/$/, "")}${url.pathname}${url.search}`;
  const host = req.headers.get("host");
  if (!host) return url.toString();
  try {
    const called = new URL(`${url.protocol}//${host}`);
    if (called.pathname !== "/" || called.search || called.username || called.password) return url.toString();
    return `${called.origin}${url.pathname}${url.search}`;
  } catch {
    return url.toString();
  }
}

type Handler<S extends z.ZodType, P> = (args: { ctx: RequestContext; body: z.infer<S>; req: Request; params: P; now: Date; receivedAt: number }) => Promise<Response>;

type Options = {
  /**
   * The whole request, authentication included, is answered by `ms` after it arrived: with `error()` if it is not
   * done by then, even when the database stopped answering (the issuance route; docs/reliability.md).
   */
  deadline?: { ms: number; error: () => AppError };
};

/**
 * The instant the request is judged at. Demos and end-to-end tests may move the clock with an
 * `X-Clock-Override: <ISO 8601 instant>` header (ZClockOverride: date, time and offset or Z), honoured ONLY when
 * the server runs with ALLOW_CLOCK_OVERRIDE=true (never in production). Signatures are always checked against
 * the real clock.
 */
export function requestNow(req: Request): Date {
  const override = req.headers.get("x-clock-override");
  if (!override || !getEnv().ALLOW_CLOCK_OVERRIDE) return new Date();
  if (!ZClockOverride.safeParse(override).success) {
    throw new AppError("bad_request", "X-Clock-Override is not an ISO 8601 instant with date, time and offset (e.g. 2026-11-27T10:00:00+09:00)");
  }
  return new Date(override);
}

/** application/json, with parameters allowed (charset only as utf-8: the body is read as UTF-8). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((p) => !p.startsWith("charset=") || /^charset="?utf-8"?$/.test(p));
}

/**
 * The kiosk API edge: reads the raw body (at most 64 KiB), authenticates the signed request (RFC 9421), parses the JSON
 * with the route's zod schema, and maps every error to problem+json. Route files stay wiring only.
 * The client must hold the route's `scope` (403 scope_not_granted, checked right after authentication).
 */
export function withKioskClient<S extends z.ZodType, P = Record<string, never>>(scope: ApiClientScope, schema: S, handler: Handler<S, P>, options: Options = {}) {
  return async (req: Request, route?: { params: Promise<P> }): Promise<Response> => {
    const instance = new URL(req.url).pathname;
    const receivedAt = Date.now();
    const answer = serve(req, route, receivedAt);
    if (!options.deadline) return answer;
    const { ms, error } = options.deadline;
    return beforeDeadline(AbortSignal.timeout(ms), answer, error).catch((e: unknown) => problemResponse(e, instance));
  };

  async function serve(req: Request, route: { params: Promise<P> } | undefined, receivedAt: number): Promise<Response> {
    const instance = new URL(req.url).pathname;
    try {
      // Bounded before anything else: by Content-Length, then while streaming (never the whole body first).
      const raw = await readRequestBody(req, { maxBytes: MAX_BODY_BYTES });
      // Before authentication: the media type needs no identity and no database work, a request with another one
      // can never succeed, and refusing it here does not burn the client's nonce (the body is bounded above).
      if (!isJsonContentType(req.headers.get("content-type"))) {
        throw new AppError("unsupported_media_type", "the body must be sent as Content-Type: application/json (UTF-8)");
      }
      const ctx = await authenticateKioskRequest({ method: req.method, targetUri: targetUriOf(req), headers: req.headers, body: raw });
      requireScope(ctx, scope);
      let json: unknown;
      try {
        json = raw.byteLength ? JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) : {};
      } catch {
        throw new AppError("malformed_json", "the body is not valid UTF-8 JSON");
      }
      const body = parseInput(schema, json, "the request body does not match the schema");
      const params = route ? await route.params : ({} as P);
      const now = requestNow(req);
      return await handler({ ctx, body, req, params, now, receivedAt });
    } catch (e) {
      return problemResponse(e, instance);
    }
  }
}

/** JSON with a stable serialisation (the object is built in a fixed key order by the verbs). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}
