"use server";

import { runStaffAction } from "@/server/http/server-actions";
import { liftIssuanceBlock } from "@/server/issuance-blocks/lift-issuance-block";
import { setIssuanceBlock } from "@/server/issuance-blocks/set-issuance-block";
import type { IssuanceBlockForm } from "@/lib/schemas/issuance-block";

// Wiring only: the verbs parse with the shared schema and authorize.
const FIELDS = { block_resident_not_found: "residentNo", issuance_block_exists: "residentNo" };

export async function setIssuanceBlockAction(input: unknown) {
  return runStaffAction(async (ctx) => {
    await setIssuanceBlock({ ctx, input: input as IssuanceBlockForm });
    return undefined;
  }, { revalidate: "/issuance-blocks", fields: FIELDS });
}

export async function liftIssuanceBlockAction(input: unknown) {
  return runStaffAction(async (ctx) => {
    await liftIssuanceBlock({ ctx, input });
    return undefined;
  }, { revalidate: "/issuance-blocks" });
}
