import { checkHealth } from "@/server/health/check-health";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

// The methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"]);
