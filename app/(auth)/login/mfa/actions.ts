"use server";

import { errorMessage } from "@/lib/error-messages";
import type { MfaCodeInput, RecoveryCodeInput } from "@/lib/schemas/staff";
import { signMfaProof } from "@/server/auth/mfa-proof";
import { getSignedInStaff } from "@/server/auth/require-staff";
import { redeemRecoveryCode } from "@/server/staff/redeem-recovery-code";
import { verifyMfa } from "@/server/staff/verify-mfa";
import { mfaFormResult, type MfaStepResult } from "./mfa-messages";

// The second sign-in step. On success the client receives a short-lived proof and hands it to next-auth's
// session update, whose jwt callback checks it and marks the session as having passed MFA.

export async function verifyMfaAction(input: MfaCodeInput): Promise<MfaStepResult> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "verify") return { ok: false, message: errorMessage("unauthenticated") };
  try {
    await verifyMfa({ ctx: staff.ctx, input });
    return { ok: true, proof: signMfaProof(staff.staffId, staff.signedInAt) };
  } catch (e) {
    return mfaFormResult(e);
  }
}

export async function redeemRecoveryCodeAction(input: RecoveryCodeInput): Promise<MfaStepResult> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "verify") return { ok: false, message: errorMessage("unauthenticated") };
  try {
    const { remaining } = await redeemRecoveryCode({ ctx: staff.ctx, input });
    return { ok: true, proof: signMfaProof(staff.staffId, staff.signedInAt), remaining };
  } catch (e) {
    return mfaFormResult(e);
  }
}
