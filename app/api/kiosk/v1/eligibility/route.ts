import { ZEligibilityRequest } from "@/lib/schemas/kiosk";
import { checkEligibility } from "@/server/eligibility/check-eligibility";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";

export const dynamic = "force-dynamic";

export const POST = withKioskClient("kiosk_issuance", ZEligibilityRequest, async ({ ctx, body, now }) => jsonResponse(await checkEligibility({ ctx, input: body, now })));
