import "server-only";
import { can, type Permission } from "@/lib/permissions";
import type { z } from "zod";
import { getStaffSession, type StaffSession } from "../auth/require-staff";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { problemResponse } from "./problem-response";
import { readRequestBody, receiveUpload, refuseDeclaredOversize, type BodyLimit, type ReceivedUpload } from "./read-request-body";

/** The header the portal's upload script sets: a cross-site form cannot send it without a CORS preflight. */
export const UPLOAD_HEADER = "x-konbini-upload";

export type StaffRouteOptions<Q extends z.ZodType | undefined> = {
  /** What the caller's role must be allowed (lib/permissions.ts; 403 `forbidden` otherwise); absent: every staff role. */
  permission?: Permission;
  /** Refuse a request from another origin (403 `forbidden`): session cookies ride along on cross-site requests. */
  sameOrigin?: boolean;
  /** Also require `X-Konbini-Upload: 1` (403 `forbidden` without it): the portal's upload script sets it. */
  uploadHeader?: boolean;
  /** The route reads a body of at most this size (413 with `details.maxBytes`, by Content-Length before the session lookup). */
  body?: BodyLimit;
  /** The query string's schema (422 `validation_failed` with `details.errors`); absent: the raw URLSearchParams. */
  query?: Q;
};

/** The body, read once through the one bounded reader: into memory, or spooled to a temporary file. */
export type StaffRouteBody = {
  bytes(): Promise<Uint8Array>;
  /** On success the handler owns the file and must call cleanup(); if the handler throws, the wrapper removes it. */
  spool(): Promise<ReceivedUpload>;
};

export type StaffRouteArgs<Q extends z.ZodType | undefined> = {
  staff: StaffSession;
  query: Q extends z.ZodType ? z.infer<Q> : URLSearchParams;
  /** The dynamic segments of the path, as Next passes them. */
  params: Record<string, string>;
  body: StaffRouteBody;
  req: Request;
  /** The request path: the `instance` of problem details. */
  instance: string;
};

/**
 * Accepted when the Origin is the portal's own: the URL the request arrived at, NEXTAUTH_URL (behind a proxy), or
 * the Host the browser sent. Without Origin, Fetch Metadata decides (a browser marks a cross-site request).
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") !== "cross-site";
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed or privacy-sensitive context) or garbage
  }
  const allowed = new Set([new URL(req.url).origin]);
  const portal = getEnv().NEXTAUTH_URL;
  if (portal) allowed.add(new URL(portal).origin);
  return allowed.has(from.origin) || from.host === req.headers.get("host");
}

/**
 * The staff portal's route handlers (downloads, previews, uploads): the checks run in one order — declared body
 * size, origin, session (401 `unauthenticated`), role, query — before the handler; every error leaves as
 * problem+json. The session is the full one (MFA passed, no pending password change), re-read from the database;
 * the verbs authorize again against `staff.ctx`.
 */
export function withStaffRoute<Q extends z.ZodType | undefined = undefined>(options: StaffRouteOptions<Q>, handler: (args: StaffRouteArgs<Q>) => Promise<Response>) {
  return async (req: Request, route?: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const instance = new URL(req.url).pathname;
    // Set by body.spool(): removed here if the handler throws after spooling.
    const spooled: { file?: ReceivedUpload } = {};
    try {
      // Cheap checks first: no database work for a request that cannot succeed.
      if (options.body) refuseDeclaredOversize(req, options.body);
      if ((options.sameOrigin && !isSameOrigin(req)) || (options.uploadHeader && req.headers.get(UPLOAD_HEADER) !== "1")) {
        throw new AppError("forbidden", "requests are accepted from the portal only");
      }
      const staff = await getStaffSession();
      if (!staff) throw new AppError("unauthenticated", "sign in first");
      if (options.permission && !can(staff.role, options.permission)) throw new AppError("forbidden", "this role may not use this route");
      const query = parseQuery(req, options.query);
      const params = route ? await route.params : {};
      const limit = options.body ?? { maxBytes: 0 };
      const body: StaffRouteBody = {
        bytes: () => readRequestBody(req, limit),
        spool: async () => (spooled.file = await receiveUpload(req, limit)),
      };
      return await handler({ staff, query: query as StaffRouteArgs<Q>["query"], params, body, req, instance });
    } catch (e) {
      await spooled.file?.cleanup();
      return problemResponse(e, instance);
    }
  };
}

function parseQuery(req: Request, schema: z.ZodType | undefined): unknown {
  const searchParams = new URL(req.url).searchParams;
  if (!schema) return searchParams;
  return parseInput(schema, Object.fromEntries(searchParams), "the query string does not match the route's parameters");
}
