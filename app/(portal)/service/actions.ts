"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { errorMessage } from "@/lib/error-messages";
import { getStaffSession } from "@/server/auth/require-staff";
import type { RequestContext } from "@/server/context";
import { formFailure } from "@/server/http/form-result";
import { cancelPlannedStop } from "@/server/service-config/cancel-planned-stop";
import { clearServiceWindows } from "@/server/service-config/clear-service-windows";
import { createPlannedStop } from "@/server/service-config/create-planned-stop";
import { endEmergencyStop } from "@/server/service-config/end-emergency-stop";
import { scheduleFee } from "@/server/service-config/schedule-fee";
import { setServiceWindows } from "@/server/service-config/set-service-windows";
import { startEmergencyStop } from "@/server/service-config/start-emergency-stop";
import { updateOffering } from "@/server/service-config/update-offering";
import { updateTaxYearPolicy } from "@/server/service-config/update-tax-year-policy";
import type { FormResult } from "./_components/form-result";

// Codes that concern one field of a form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { fee_in_past: "effectiveFrom", stop_in_past: "startsAt", emergency_stop_running: "certificateType" };

// Wiring only: the verbs parse the input with the shared zod schema and authorize; this maps errors to Japanese.
async function run(fn: (ctx: RequestContext) => Promise<unknown>): Promise<FormResult> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, message: errorMessage("unauthenticated") };
  try {
    await fn(staff.ctx);
    revalidatePath("/service", "layout");
    return { ok: true };
  } catch (e) {
    if (e instanceof ZodError)
      return { ok: false, message: errorMessage("validation_failed"), fieldErrors: Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message])) };
    return formFailure(e, FIELDS);
  }
}

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
