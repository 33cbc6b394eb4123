"use server";

import { runStaffAction } from "@/server/http/server-actions";
import { recordMayorTerm } from "@/server/mayor-and-seal/record-mayor-term";

// Wiring only: the verb parses with the shared schema (lib/schemas/mayor-and-seal.ts) and authorizes.
const FIELDS = { mayor_seal_in_past: "effectiveFrom", mayor_seal_date_taken: "effectiveFrom" };

export async function recordMayorTermAction(input: unknown) {
  return runStaffAction(async (ctx): Promise<undefined> => {
    await recordMayorTerm({ ctx, input });
    return undefined;
  }, { revalidate: "/mayor-and-seal", fields: FIELDS });
}
