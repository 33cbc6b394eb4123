"use server";

import type { PreRegistrationFormInput, RegistrationStatusLookupInput } from "@/lib/schemas/koseki-registration";
import { runPublicAction } from "@/server/http/server-actions";
import { lookupRegistrationStatus } from "@/server/koseki-registration/lookup-registration-status";
import { submitPreRegistration } from "@/server/koseki-registration/submit-pre-registration";

// Wiring only: the verbs parse with the shared schema and throttle the caller (runPublicAction hands them its key).
const FIELDS = { municipality_unknown: "honsekiMunicipalityCode" };

export async function submitPreRegistrationAction(input: PreRegistrationFormInput) {
  return runPublicAction((clientKey) => submitPreRegistration({ input, clientKey }), { fields: FIELDS });
}

export async function lookupRegistrationStatusAction(input: RegistrationStatusLookupInput) {
  return runPublicAction((clientKey) => lookupRegistrationStatus({ input, clientKey }));
}
