"use server";

import type { ApproveRegistrationInput, RejectRegistrationInput } from "@/lib/schemas/koseki-registration";
import { runStaffAction } from "@/server/http/server-actions";
import { approveRegistration } from "@/server/koseki-registration/approve-registration";
import { rejectRegistration } from "@/server/koseki-registration/reject-registration";

// Wiring only: the verbs parse with the shared schema and authorize. The queue and the detail page both change.
const AREA = { revalidate: "/koseki-registrations", layout: true };

export async function approveRegistrationAction(input: ApproveRegistrationInput) {
  return runStaffAction((ctx) => approveRegistration({ ctx, input }), AREA);
}

export async function rejectRegistrationAction(input: RejectRegistrationInput) {
  return runStaffAction((ctx) => rejectRegistration({ ctx, input }), AREA);
}
