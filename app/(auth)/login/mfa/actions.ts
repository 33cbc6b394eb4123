"use server";

import type { MfaCodeInput, RecoveryCodeInput } from "@/lib/schemas/staff";
import { signMfaProof } from "@/server/auth/mfa-proof";
import { getSignedInStaff } from "@/server/auth/require-staff";
import { formFailure, sessionFailure, type FormFailure } from "@/server/http/form-result";
import { redeemRecoveryCode } from "@/server/staff/redeem-recovery-code";
import { verifyMfa } from "@/server/staff/verify-mfa";

// The second sign-in step. On success the client receives a short-lived proof and hands it to next-auth's
// session update, whose jwt callback checks it and marks the session as having passed MFA.

export type MfaStepResult = { ok: true; proof: string; remaining?: number } | FormFailure;

export async function verifyMfaAction(input: MfaCodeInput): Promise<MfaStepResult> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "verify") return sessionFailure();
  try {
    await verifyMfa({ ctx: staff.ctx, input });
    return { ok: true, proof: signMfaProof(staff.staffId, staff.signedInAt) };
  } catch (e) {
    return formFailure(e);
  }
}

export async function redeemRecoveryCodeAction(input: RecoveryCodeInput): Promise<MfaStepResult> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "verify") return sessionFailure();
  try {
    const { remaining } = await redeemRecoveryCode({ ctx: staff.ctx, input });
    return { ok: true, proof: signMfaProof(staff.staffId, staff.signedInAt), remaining };
  } catch (e) {
    return formFailure(e);
  }
}
