import { ZIdempotencyKey, ZIssueRequest } from "@/lib/schemas/kiosk";
import { AppError } from "@/server/errors";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = withKioskClient("kiosk_issuance", ZIssueRequest, async ({ ctx, body, req, now }) => {
  const key = ZIdempotencyKey.safeParse(req.headers.get("idempotency-key") ?? "");
  if (!key.success) throw new AppError("idempotency_key_required", "an Idempotency-Key header (8–128 printable ASCII characters) is required", { status: 400 });
  const { response, replayed } = await issueCertificate({ ctx, input: body, idempotencyKey: key.data, now });
  return jsonResponse(response, 200, replayed ? { "Idempotent-Replayed": "true" } : {});
});

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
