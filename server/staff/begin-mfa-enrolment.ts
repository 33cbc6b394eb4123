import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { generateTotpSecret, otpauthUri } from "../auth/totp";
import { otpauthQrDataUri } from "../auth/totp-qr";
import type { RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { loadMfaUser } from "./mfa-attempts";
import { actorId } from "./staff-scope";

export const TOTP_ISSUER = "コンビニ交付";

export type MfaEnrolmentStart = {
  /** Base32, for manual entry in an authenticator app. Shown once on the enrolment screen, never stored in clear. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code (SVG data: URI) for authenticator apps to scan. */
  qrCodeDataUri: string;
};

/**
 * Starts (or restarts) TOTP enrolment for the signed-in user: a new secret, stored encrypted and inactive
 * until confirmed with a valid code. An account that already has MFA cannot replace it this way.
 */
export async function beginMfaEnrolment({ ctx }: { ctx: RequestContext }): Promise<MfaEnrolmentStart> {
  const id = actorId(ctx);
  const started = await withTenant(ctx, async (tx) => {
    const user = await loadMfaUser(tx, id);
    if (user.mfaEnrolledAt) throw new AppError("mfa_already_enrolled", "MFA is already set up");
    const secret = generateTotpSecret();
    const { cipher } = encryptField(secret, FieldContext.mfaSecret);
    await tx.staffUser.update({ where: { id }, data: { mfaSecretCipher: cipher } });
    await writeAuditEvent(tx, ctx, { action: "staff.mfa_enrolment_started", targetType: "StaffUser", targetId: id });
    return { secret, otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: user.loginId, secret }) };
  });
  return { ...started, qrCodeDataUri: await otpauthQrDataUri(started.otpauthUri) };
}
