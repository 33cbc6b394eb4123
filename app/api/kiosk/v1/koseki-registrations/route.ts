import { ZKosekiRegistrationRequest } from "@/lib/schemas/kiosk";
import { jsonResponse, withKioskClient } from "@/server/http/with-kiosk-client";
import { applyForRegistrationAtKiosk } from "@/server/koseki-registration/apply-at-kiosk";

export const dynamic = "force-dynamic";

export const POST = withKioskClient("koseki_intake", ZKosekiRegistrationRequest, async ({ ctx, body, now }) => jsonResponse(await applyForRegistrationAtKiosk({ ctx, input: body, now })));
