import { jsonResponse } from "@/server/http/with-kiosk-client";
import { withSignedUpload } from "@/server/http/with-signed-upload";
import { importFromApi } from "@/server/imports/import-from-api";
import { otherMethods } from "@/server/http/method-not-allowed";

// Back-office import API (docs/import-formats.md): POST the file bytes, signed like the kiosk API, with
// ?mode=full|delta&format=csv|jsonl&encoding=utf-8|shift_jis. The body is streamed to disk, not memory.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 900;

export const POST = withSignedUpload<{ feed: string }>("imports", async ({ ctx, file, req, params }) =>
  jsonResponse(await importFromApi({ ctx, feed: params.feed, query: new URL(req.url).searchParams, filePath: file.path })),
);

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
