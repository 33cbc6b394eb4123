import "server-only";
import { hash } from "@node-rs/argon2";
import { ZResetPassword } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "./parse-input";
import { actorId, findManagedUser, requireStaffManager } from "./staff-scope";

/**
 * An administrator sets a new temporary password for a user who forgot theirs: the user's sessions end, the
 * throttle is cleared and the user must change the password at next sign-in. MFA stays as it is.
 */
export async function resetPassword({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  requireStaffManager(ctx);
  const { staffUserId, newPassword } = parseInput(ZResetPassword, input);
  if (staffUserId === actorId(ctx)) throw new AppError("cannot_change_self", "use the own password change instead", { status: 409 });
  const passwordHash = await hash(newPassword);
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    if (newPassword === user.loginId) throw new AppError("password_equals_login_id", "the password equals the login id", { status: 422 });
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
}
