import "server-only";
import { hash } from "@node-rs/argon2";
import { ZResetPassword } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { actorId, findManagedUser, requireStaffManager } from "./staff-scope";
import { generateTemporaryPassword } from "./temporary-password";

/**
 * An administrator resets the password of a user who forgot theirs: the server generates a temporary password,
 * returned here only (shown once, never stored in clear or audited); the user's sessions end, the throttle is
 * cleared and the user must change the password before using the portal. MFA stays as it is.
 */
export async function resetPassword({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<{ temporaryPassword: string }> {
  requireStaffManager(ctx);
  const { staffUserId } = parseInput(ZResetPassword, input);
  if (staffUserId === actorId(ctx)) throw new AppError("cannot_change_self", "use the own password change instead");
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hash(temporaryPassword);
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    await tx.staffUser.update({
      where: { id: user.id },
      data: {
        passwordHash,
        passwordChangedAt: new Date(),
        mustChangePassword: true,
        failedSignInCount: 0,
        throttledUntil: null,
        sessionVersion: { increment: 1 },
      },
    });
    await writeAuditEvent(tx, ctx, { action: "staff.password_reset", targetType: "StaffUser", targetId: user.id, municipalityId: user.municipalityId });
  });
  return { temporaryPassword };
}
