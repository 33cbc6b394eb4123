"use server";

import type { VoidIssuanceInput } from "@/lib/schemas/issuance-void";
import { runStaffAction } from "@/server/http/server-actions";
import { voidIssuance } from "@/server/logs/void-issuance";

// Wiring only: the verb parses with the shared schema and authorizes. The log and the detail page both change.
export async function voidIssuanceAction(input: VoidIssuanceInput) {
  return runStaffAction((ctx) => voidIssuance({ ctx, input }), { revalidate: "/issuances", layout: true });
}
