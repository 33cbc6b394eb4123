import { buildOpenApiDocument } from "@/server/kiosk-protocol/openapi";

// Public and unsigned: the document describes how to sign, so a client must be able to fetch it first.
export function GET(): Response {
  return new Response(JSON.stringify(buildOpenApiDocument()), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
