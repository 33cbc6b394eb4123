"use server";

import type { RequestContext } from "@/server/context";
import { runStaffAction } from "@/server/http/server-actions";
import { cancelPlannedStop } from "@/server/service-config/cancel-planned-stop";
import { clearServiceWindows } from "@/server/service-config/clear-service-windows";
import { createPlannedStop } from "@/server/service-config/create-planned-stop";
import { endEmergencyStop } from "@/server/service-config/end-emergency-stop";
import { scheduleFee } from "@/server/service-config/schedule-fee";
import { setServiceWindows } from "@/server/service-config/set-service-windows";
import { startEmergencyStop } from "@/server/service-config/start-emergency-stop";
import { updateOffering } from "@/server/service-config/update-offering";
import { updateTaxYearPolicy } from "@/server/service-config/update-tax-year-policy";
import type { FormResult } from "@/lib/form-result";

// Codes that concern one field of a form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { fee_in_past: "effectiveFrom", stop_in_past: "startsAt", emergency_stop_running: "certificateType" };

// Wiring only: the verbs parse the input with the shared zod schema and authorize; this maps errors to Japanese.
/** The forms need only success or the errors: the verb's answer stays on the server. */
const run = (fn: (ctx: RequestContext) => Promise<unknown>): Promise<FormResult> =>
  runStaffAction(async (ctx): Promise<undefined> => {
    await fn(ctx);
    return undefined;
  }, { revalidate: "/service", layout: true, fields: FIELDS });

export async function updateOfferingAction(input: unknown) {
  return run((ctx) => updateOffering({ ctx, input }));
}
export async function updateTaxYearPolicyAction(input: unknown) {
  return run((ctx) => updateTaxYearPolicy({ ctx, input }));
}
export async function scheduleFeeAction(input: unknown) {
  return run((ctx) => scheduleFee({ ctx, input }));
}
export async function setServiceWindowsAction(input: unknown) {
  return run((ctx) => setServiceWindows({ ctx, input }));
}
export async function clearServiceWindowsAction(input: unknown) {
  return run((ctx) => clearServiceWindows({ ctx, input }));
}
export async function createPlannedStopAction(input: unknown) {
  return run((ctx) => createPlannedStop({ ctx, input }));
}
export async function cancelPlannedStopAction(input: unknown) {
  return run((ctx) => cancelPlannedStop({ ctx, input }));
}
export async function startEmergencyStopAction(input: unknown) {
  return run((ctx) => startEmergencyStop({ ctx, input }));
}
export async function endEmergencyStopAction(input: unknown) {
  return run((ctx) => endEmergencyStop({ ctx, input }));
}
