import { buildOpenApiDocument } from "@/server/kiosk-protocol/openapi";
import { otherMethods } from "@/server/http/method-not-allowed";

// Public and unsigned: the document describes how to sign, so a client must be able to fetch it first.
export function GET(): Response {
  return new Response(JSON.stringify(buildOpenApiDocument()), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

// The methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET"]);
