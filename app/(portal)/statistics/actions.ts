"use server";

import type { RequestContext } from "@/server/context";
import { runStaffAction } from "@/server/http/server-actions";
import { generateMonthlyReport } from "@/server/reports/generate-monthly-report";
import { addCommissionRate } from "@/server/settlement/add-commission-rate";
import { setCounterCount } from "@/server/settlement/set-counter-count";
import type { FormResult } from "@/lib/form-result";

// Codes that concern one field of a form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { report_month_in_future: "month" };

// Wiring only: the verbs parse the input with the shared zod schema and authorize; this maps errors to Japanese.
/** The forms need only success or the errors: the verb's answer stays on the server. */
const run = (fn: (ctx: RequestContext) => Promise<unknown>): Promise<FormResult> =>
  runStaffAction(async (ctx): Promise<undefined> => {
    await fn(ctx);
    return undefined;
  }, { revalidate: "/statistics", layout: true, fields: FIELDS });

export async function generateReportAction(input: unknown) {
  return run((ctx) => generateMonthlyReport({ ctx, input }));
}
export async function addCommissionRateAction(input: unknown) {
  return run((ctx) => addCommissionRate({ ctx, input }));
}
export async function setCounterCountAction(input: unknown) {
  return run((ctx) => setCounterCount({ ctx, input }));
}
