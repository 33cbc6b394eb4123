import { z } from "zod";
import { ZCompletionRequest } from "@/lib/schemas/kiosk";
import { AppError } from "@/server/errors";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

// A demo server's X-Clock-Override dates the completion like the other requests (so a demo or end-to-end run
// lands in the month it is judged in), but completeIssuance never dates it before its issuance.
export const POST = withKioskClient<typeof ZCompletionRequest, { id: string }>("kiosk_issuance", ZCompletionRequest, async ({ ctx, body, params, now }) => {
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new AppError("issuance_not_found", "no issuance with this id");
  return jsonResponse(await completeIssuance({ ctx, issuanceId: id.data, input: body, now, notBeforeIssuance: true }));
});

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
