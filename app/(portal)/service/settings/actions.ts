"use server";

import type { RequestContext } from "@/server/context";
import { runStaffAction } from "@/server/http/server-actions";
import { addClosureDay } from "@/server/municipal-settings/add-closure-day";
import { cancelIssuanceSettings } from "@/server/municipal-settings/cancel-issuance-settings";
import { removeClosureDay } from "@/server/municipal-settings/remove-closure-day";
import { scheduleIssuanceSettings } from "@/server/municipal-settings/schedule-issuance-settings";
import { updateOperationalSettings } from "@/server/municipal-settings/update-operational-settings";
import type { ErrorCode } from "@/lib/error-codes";
import type { FormResult } from "@/lib/form-result";

// Codes that concern one field of a form are shown at that field too (text: lib/error-messages.ts).
type Fields = Partial<Record<ErrorCode, string>>;
const FIELDS: Fields = { setting_date_in_past: "effectiveFrom" };

// Wiring only: the verbs parse the input with the shared zod schema and authorize; this maps errors to Japanese.
const run = (fn: (ctx: RequestContext) => Promise<unknown>, fields: Fields = FIELDS): Promise<FormResult> =>
  runStaffAction(async (ctx): Promise<undefined> => {
    await fn(ctx);
    return undefined;
  }, { revalidate: "/service/settings", fields });

export async function scheduleIssuanceSettingsAction(input: unknown) {
  return run((ctx) => scheduleIssuanceSettings({ ctx, input }));
}
export async function cancelIssuanceSettingsAction(input: unknown) {
  return run((ctx) => cancelIssuanceSettings({ ctx, input }));
}
export async function updateOperationalSettingsAction(input: unknown) {
  return run((ctx) => updateOperationalSettings({ ctx, input }));
}
export async function addClosureDayAction(input: unknown) {
  return run((ctx) => addClosureDay({ ctx, input }), { setting_date_in_past: "day", closure_day_exists: "day" });
}
export async function removeClosureDayAction(input: unknown) {
  return run((ctx) => removeClosureDay({ ctx, input }));
}
