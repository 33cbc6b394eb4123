import "server-only";
import { AppError } from "../errors";
import { problemResponse } from "./problem-response";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH";

/** Marks the handlers below: they serve nothing (the entry-point walk of the tests skips them). */
export const NOT_SERVED = Symbol.for("konbini.methodNotServed");
type RouteHandler = (req: Request) => Response;

/**
 * The handlers of the methods a route does not serve, so that they answer 405 method_not_allowed as
 * problem+json with an Allow header (Next's own 405 has an empty body and no Allow), and OPTIONS answers 204
 * with the same Allow. A route file spreads in the names it does not define itself:
 *
 *   export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
 *
 * HEAD follows GET (Next serves HEAD with the GET handler when a route has GET and no HEAD).
 */
export function otherMethods(served: readonly Method[]): Record<Method | "OPTIONS", RouteHandler> {
  const allowed = new Set<string>([...served, "OPTIONS"]);
  if (allowed.has("GET")) allowed.add("HEAD");
  const allow = [...allowed].sort().join(", ");
  const notAllowed: RouteHandler = (req) => {
    const res = problemResponse(new AppError("method_not_allowed", `${req.method} is not allowed on this resource; allowed: ${allow}`), new URL(req.url).pathname);
    res.headers.set("Allow", allow);
    return res;
  };
  const options: RouteHandler = () => new Response(null, { status: 204, headers: { Allow: allow } });
  for (const handler of [notAllowed, options]) Object.defineProperty(handler, NOT_SERVED, { value: true });
  return { GET: notAllowed, HEAD: notAllowed, POST: notAllowed, PUT: notAllowed, DELETE: notAllowed, PATCH: notAllowed, OPTIONS: options };
}
