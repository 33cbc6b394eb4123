import { AppError } from "@/server/errors";
import { otherMethods } from "@/server/http/method-not-allowed";
import { problemResponse } from "@/server/http/problem-response";
import { authorizeMetrics } from "@/server/metrics/authorize-metrics";
import { readMetrics } from "@/server/metrics/read-metrics";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Prometheus scrapes this (docs/operations.md): METRICS_TOKEN as a bearer token, or an address in
// METRICS_ALLOWED_ADDRESSES; 404 while neither is configured.
export async function GET(req: Request): Promise<Response> {
  const instance = new URL(req.url).pathname;
  try {
    if (authorizeMetrics(req.headers) === "disabled") throw new AppError("not_found", "the metrics endpoint is not enabled");
    const { body, contentType } = await readMetrics();
    return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (e) {
    const res = problemResponse(e, instance);
    if (res.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="metrics"');
    return res;
  }
}

// The methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"]);
