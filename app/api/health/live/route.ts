import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Liveness: the process serves requests. Nothing else is checked (no database): a database outage must not make
// the supervisor restart healthy app processes; readiness (/api/health/ready) takes them out of the pool instead.
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

// The methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"]);
