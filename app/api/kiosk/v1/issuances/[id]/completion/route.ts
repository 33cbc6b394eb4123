import { z } from "zod";
import { ZCompletionRequest } from "@/lib/schemas/kiosk";
import { AppError } from "@/server/errors";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

// The real clock: completion records when the kiosk finished, so X-Clock-Override (demo servers) never moves it
// (an overridden time could fall before the issuance's).
export const POST = withKioskClient<typeof ZCompletionRequest, { id: string }>("kiosk_issuance", ZCompletionRequest, async ({ ctx, body, params, now }) => {
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw new AppError("issuance_not_found", "no issuance with this id", { status: 404 });
  return jsonResponse(await completeIssuance({ ctx, issuanceId: id.data, input: body, now }));
}, { clock: "real" });

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
