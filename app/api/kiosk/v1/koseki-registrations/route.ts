import { ZKosekiRegistrationRequest } from "@/lib/schemas/kiosk";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { applyForRegistrationAtKiosk } from "@/server/koseki-registration/apply-at-kiosk";
import { otherMethods } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = withKioskClient("koseki_intake", ZKosekiRegistrationRequest, async ({ ctx, body, now }) => jsonResponse(await applyForRegistrationAtKiosk({ ctx, input: body, now })));

// The methods this route does not serve: 405 problem+json with Allow.
export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods(["POST"]);
