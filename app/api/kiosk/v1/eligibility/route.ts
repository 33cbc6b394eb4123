import { ZEligibilityRequest } from "@/lib/schemas/kiosk";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = withKioskClient("kiosk_issuance", ZEligibilityRequest, async ({ ctx, body, now }) => jsonResponse(await checkEligibility({ ctx, input: body, now })));

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
