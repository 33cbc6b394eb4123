"use server";

import type { VerificationLookupInput } from "@/lib/schemas/verify";
import { runPublicAction } from "@/server/http/server-actions";
import { verifyIssuance } from "@/server/verify/verify-issuance";

// Wiring only: the verb parses with the shared schema, throttles the caller and audits the lookup.
export async function verifyIssuanceAction(input: VerificationLookupInput) {
  return runPublicAction((clientKey) => verifyIssuance({ input, clientKey }));
}
