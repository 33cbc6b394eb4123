"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { errorMessage } from "@/lib/error-messages";
import { getStaffSession } from "@/server/auth/require-staff";
import type { RequestContext } from "@/server/context";
import { formFailure } from "@/server/http/form-result";
import { generateMonthlyReport } from "@/server/reports/generate-monthly-report";
import { addCommissionRate } from "@/server/settlement/add-commission-rate";
import { setCounterCount } from "@/server/settlement/set-counter-count";
import type { FormResult } from "../service/_components/form-result";

// Codes that concern one field of a form are shown at that field too (text: lib/error-messages.ts).
const FIELDS = { report_month_in_future: "month" };

// Wiring only: the verbs parse the input with the shared zod schema and authorize; this maps errors to Japanese.
async function run(fn: (ctx: RequestContext) => Promise<unknown>): Promise<FormResult> {
  const staff = await getStaffSession();
  if (!staff) return { ok: false, message: errorMessage("unauthenticated") };
  try {
    await fn(staff.ctx);
    revalidatePath("/statistics", "layout");
    return { ok: true };
  } catch (e) {
    if (e instanceof ZodError)
      return { ok: false, message: errorMessage("validation_failed"), fieldErrors: Object.fromEntries(e.issues.map((i) => [i.path.join("."), i.message])) };
    return formFailure(e, FIELDS);
  }
}

export async function generateReportAction(input: unknown) {
  return run((ctx) => generateMonthlyReport({ ctx, input }));
}
export async function addCommissionRateAction(input: unknown) {
  return run((ctx) => addCommissionRate({ ctx, input }));
}
export async function setCounterCountAction(input: unknown) {
  return run((ctx) => setCounterCount({ ctx, input }));
}
