import { checkReadiness } from "@/server/health/check-readiness";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Readiness for the load balancer: 200 when the database answers and no migration of this code is pending,
// otherwise 503 naming the failed checks (server/health/check-readiness.ts). /api/healthz stays as it was.
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

// The methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"]);
