"use server";

import type { MfaCodeInput, RecoveryCodeInput } from "@/lib/schemas/staff";
import { runMfaStepAction } from "@/server/http/server-actions";
import { redeemRecoveryCode } from "@/server/staff/redeem-recovery-code";
import { verifyMfa } from "@/server/staff/verify-mfa";

// The second sign-in step. On success the client receives a short-lived proof and hands it to next-auth's
// session update, whose jwt callback checks it and marks the session as having passed MFA.

export async function verifyMfaAction(input: MfaCodeInput) {
  return runMfaStepAction("verify", async ({ ctx, proof }) => {
    await verifyMfa({ ctx, input });
    return { proof: proof() };
  });
}

export async function redeemRecoveryCodeAction(input: RecoveryCodeInput) {
  return runMfaStepAction("verify", async ({ ctx, proof }) => {
    const { remaining } = await redeemRecoveryCode({ ctx, input });
    return { proof: proof(), remaining };
  });
}
