"use server";

import type { ChangePasswordInput, MfaCodeInput, RegenerateRecoveryCodesInput } from "@/lib/schemas/staff";
import { signMfaProof } from "@/server/auth/mfa-proof";
import { getSignedInStaff, getStaffSession, getStaffSessionForPasswordChange } from "@/server/auth/require-staff";
import { formFailure, sessionFailure, type FormResult } from "@/server/http/form-result";
import { beginMfaEnrolment, type MfaEnrolmentStart } from "@/server/staff/begin-mfa-enrolment";
import { changePassword } from "@/server/staff/change-password";
import { confirmMfaEnrolment } from "@/server/staff/confirm-mfa-enrolment";
import { regenerateRecoveryCodes } from "@/server/staff/regenerate-recovery-codes";

// Enrolment is reachable with a password-only session (first sign-in), hence getSignedInStaff, but only for
// an account without MFA. The password change needs an MFA-passed session and is the one action open while a
// forced change is pending; everything else needs a full session (getStaffSession).

const FIELDS = { invalid_current_password: "currentPassword", password_equals_login_id: "newPassword", invalid_code: "code" };

export async function beginMfaEnrolmentAction(): Promise<FormResult<MfaEnrolmentStart>> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "enrol") return sessionFailure();
  try {
    return { ok: true, data: await beginMfaEnrolment({ ctx: staff.ctx }) };
  } catch (e) {
    return formFailure(e, FIELDS);
  }
}

export async function confirmMfaEnrolmentAction(input: MfaCodeInput): Promise<FormResult<{ recoveryCodes: string[]; proof: string }>> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "enrol") return sessionFailure();
  try {
    const { recoveryCodes } = await confirmMfaEnrolment({ ctx: staff.ctx, input });
    return { ok: true, data: { recoveryCodes, proof: signMfaProof(staff.staffId, staff.signedInAt) } };
  } catch (e) {
    return formFailure(e, FIELDS);
  }
}

export async function changePasswordAction(input: ChangePasswordInput): Promise<FormResult<null>> {
  const staff = await getStaffSessionForPasswordChange();
  if (!staff) return sessionFailure();
  try {
    await changePassword({ ctx: staff.ctx, input });
    return { ok: true, data: null };
  } catch (e) {
    return formFailure(e, FIELDS);
  }
}

export async function regenerateRecoveryCodesAction(input: RegenerateRecoveryCodesInput): Promise<FormResult<{ recoveryCodes: string[] }>> {
  const staff = await getStaffSession();
  if (!staff) return sessionFailure((await getStaffSessionForPasswordChange())?.mustChangePassword);
  try {
    return { ok: true, data: await regenerateRecoveryCodes({ ctx: staff.ctx, input }) };
  } catch (e) {
    return formFailure(e, FIELDS);
  }
}
