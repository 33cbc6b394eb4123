"use server";

import type { ChangePasswordInput, MfaCodeInput } from "@/lib/schemas/staff";
import { signMfaProof } from "@/server/auth/mfa-proof";
import { getSignedInStaff, getStaffSession } from "@/server/auth/require-staff";
import { beginMfaEnrolment, type MfaEnrolmentStart } from "@/server/staff/begin-mfa-enrolment";
import { changePassword } from "@/server/staff/change-password";
import { confirmMfaEnrolment } from "@/server/staff/confirm-mfa-enrolment";
import { accountFormResult, type AccountResult, UNAUTHENTICATED } from "./account-messages";

// Enrolment is reachable with a password-only session (first sign-in), hence getSignedInStaff, but only for
// an account without MFA; the password change needs a full (MFA-passed) session.

export async function beginMfaEnrolmentAction(): Promise<AccountResult<MfaEnrolmentStart>> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "enrol") return UNAUTHENTICATED;
  try {
    return { ok: true, data: await beginMfaEnrolment({ ctx: staff.ctx }) };
  } catch (e) {
    return accountFormResult(e);
  }
}

export async function confirmMfaEnrolmentAction(input: MfaCodeInput): Promise<AccountResult<{ recoveryCodes: string[]; proof: string }>> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "enrol") return UNAUTHENTICATED;
  try {
    const { recoveryCodes } = await confirmMfaEnrolment({ ctx: staff.ctx, input });
    return { ok: true, data: { recoveryCodes, proof: signMfaProof(staff.staffId, staff.signedInAt) } };
  } catch (e) {
    return accountFormResult(e);
  }
}

export async function changePasswordAction(input: ChangePasswordInput): Promise<AccountResult<null>> {
  const staff = await getStaffSession();
  if (!staff) return UNAUTHENTICATED;
  try {
    await changePassword({ ctx: staff.ctx, input });
    return { ok: true, data: null };
  } catch (e) {
    return accountFormResult(e);
  }
}
