"use server";

import type { ChangePasswordInput, RegenerateRecoveryCodesInput } from "@/lib/schemas/staff";
import { runStaffAction } from "@/server/http/server-actions";
import { changePassword } from "@/server/staff/change-password";
import { regenerateRecoveryCodes } from "@/server/staff/regenerate-recovery-codes";

// The password change needs an MFA-passed session and is the one action open while a forced change is
// pending; the recovery codes need a full session. The MFA enrolment is in mfa/actions.ts.

const FIELDS = { invalid_current_password: "currentPassword", password_equals_login_id: "newPassword", invalid_code: "code" };

export async function changePasswordAction(input: ChangePasswordInput) {
  return runStaffAction(
    async (ctx) => {
      await changePassword({ ctx, input });
      return null;
    },
    { duringPasswordChange: true, fields: FIELDS },
  );
}

export async function regenerateRecoveryCodesAction(input: RegenerateRecoveryCodesInput) {
  return runStaffAction((ctx) => regenerateRecoveryCodes({ ctx, input }), { fields: FIELDS });
}
