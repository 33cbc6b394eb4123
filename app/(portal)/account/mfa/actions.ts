"use server";

import type { MfaCodeInput } from "@/lib/schemas/staff";
import { runMfaStepAction } from "@/server/http/server-actions";
import { beginMfaEnrolment } from "@/server/staff/begin-mfa-enrolment";
import { confirmMfaEnrolment } from "@/server/staff/confirm-mfa-enrolment";

// Enrolment is reached with a password-only session (first sign-in) of an account without MFA. On success
// the client hands the proof to next-auth's session update, which marks the session as having passed MFA.

const FIELDS = { invalid_code: "code" };

export async function beginMfaEnrolmentAction() {
  return runMfaStepAction("enrol", ({ ctx }) => beginMfaEnrolment({ ctx }), { fields: FIELDS });
}

export async function confirmMfaEnrolmentAction(input: MfaCodeInput) {
  return runMfaStepAction(
    "enrol",
    async ({ ctx, proof }) => {
      const { recoveryCodes } = await confirmMfaEnrolment({ ctx, input });
      return { recoveryCodes, proof: proof() };
    },
    { fields: FIELDS },
  );
}
