import "server-only";
import type { z } from "zod";
import { authenticateKioskRequest } from "../api-clients/authenticate-request";
import { requireScope, type RequestContext } from "../context";
import type { ApiClientScope } from "../generated/prisma/enums";
import { AppError } from "../errors";
import { problemResponse } from "./problem-response";
import { readRequestBody } from "./read-request-body";

const MAX_BODY_BYTES = 64 * 1024;

/** The URI the client signed: KIOSK_PUBLIC_ORIGIN (behind a proxy) + path and query, else the request URL. */
export function targetUriOf(req: Request): string {
  const url = new URL(req.url);
  const origin = process.env.KIOSK_PUBLIC_ORIGIN;
  return origin ? `${origin.replace(/\/$/, "")}${url.pathname}${url.search}` : url.toString();
}

type Handler<S extends z.ZodType, P> = (args: { ctx: RequestContext; body: z.infer<S>; req: Request; params: P; now: Date }) => Promise<Response>;

/**
 * The instant the request is judged at. Demos and end-to-end tests may move the clock with an
 * `X-Clock-Override: <ISO 8601>` header, honoured ONLY when the server runs with ALLOW_CLOCK_OVERRIDE=true
 * (never in production). Signatures are always checked against the real clock.
 */
export function requestNow(req: Request): Date {
  const override = req.headers.get("x-clock-override");
  if (!override || process.env.ALLOW_CLOCK_OVERRIDE !== "true") return new Date();
  const at = new Date(override);
  if (Number.isNaN(at.getTime())) throw new AppError("bad_request", "X-Clock-Override is not an ISO 8601 instant", { status: 400 });
  return at;
}

/**
 * The kiosk API edge: reads the raw body (at most 64 KiB), authenticates the signed request (RFC 9421), parses the JSON
 * with the route's zod schema, and maps every error to problem+json. Route files stay wiring only.
 * The client must hold the route's `scope` (403 scope_not_granted, checked right after authentication).
 */
export function withKioskClient<S extends z.ZodType, P = Record<string, never>>(scope: ApiClientScope, schema: S, handler: Handler<S, P>) {
  return async (req: Request, route?: { params: Promise<P> }): Promise<Response> => {
    const instance = new URL(req.url).pathname;
    try {
      // Bounded before anything else: by Content-Length, then while streaming (never the whole body first).
      const raw = await readRequestBody(req, MAX_BODY_BYTES);
      const ctx = await authenticateKioskRequest({ method: req.method, targetUri: targetUriOf(req), headers: req.headers, body: raw });
      requireScope(ctx, scope);
      let json: unknown;
      try {
        json = raw.byteLength ? JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) : {};
      } catch {
        throw new AppError("malformed_json", "the body is not valid UTF-8 JSON", { status: 400 });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new AppError("validation_failed", "the request body does not match the schema", {
          status: 422,
          details: { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
        });
      }
      const params = route ? await route.params : ({} as P);
      return await handler({ ctx, body: parsed.data, req, params, now: requestNow(req) });
    } catch (e) {
      return problemResponse(e, instance);
    }
  };
}

/** JSON with a stable serialisation (the object is built in a fixed key order by the verbs). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}
