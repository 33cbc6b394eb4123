import { ZIdempotencyKey, ZIssueRequest } from "@/lib/schemas/kiosk";
import { AppError } from "@/server/errors";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { issueCertificate, issuanceTimeoutMs } from "@/server/issuance/issue-certificate";
import { issuanceTimeout } from "@/server/issuance/issuance-timeout";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

// The issuance deadline counts from the request's arrival: authentication (a database read and the nonce
// write) is inside it, so a stalled database cannot hold the answer past it.
export const POST = withKioskClient(
  "kiosk_issuance",
  ZIssueRequest,
  async ({ ctx, body, req, now, receivedAt }) => {
    const key = ZIdempotencyKey.safeParse(req.headers.get("idempotency-key") ?? "");
    if (!key.success) throw new AppError("idempotency_key_required", "an Idempotency-Key header (8–128 printable ASCII characters) is required");
    const { response, replayed } = await issueCertificate({ ctx, input: body, idempotencyKey: key.data, now, receivedAt });
    return jsonResponse(response, 200, replayed ? { "Idempotent-Replayed": "true" } : {});
  },
  { deadline: { ms: issuanceTimeoutMs(), error: () => issuanceTimeout("the issuance did not finish before the deadline") } },
);

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
