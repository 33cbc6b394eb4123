import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { ZChangePassword } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "./parse-input";
import { actorId } from "./staff-scope";

/**
 * The signed-in user changes their own password. The current password is required (a session left open on a
 * shared counter PC must not be enough); every session of the user, this one included, ends at the next request.
 */
export async function changePassword({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const data = parseInput(ZChangePassword, input);
  const id = actorId(ctx);
  const user = await withTenant(ctx, (tx) =>
    tx.staffUser.findUnique({ where: { id }, select: { id: true, loginId: true, passwordHash: true, status: true } }),
  );
  if (!user || user.status !== "active") throw new AppError("unauthenticated", "no active user");
  if (data.newPassword === user.loginId) throw new AppError("password_equals_login_id", "the password equals the login id", { status: 422 });
  const currentOk = await verify(user.passwordHash, data.currentPassword).catch(() => false);
  if (!currentOk) {
    await withTenant(ctx, (tx) =>
      writeAuditEvent(tx, ctx, { action: "staff.password_change_refused", targetType: "StaffUser", targetId: id, details: { reason: "current_password" } }),
    );
    throw new AppError("invalid_current_password", "the current password is wrong", { status: 422 });
  }
  const passwordHash = await hash(data.newPassword);
  await withTenant(ctx, async (tx) => {
    await tx.staffUser.update({
      where: { id },
      data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await writeAuditEvent(tx, ctx, { action: "staff.password_changed", targetType: "StaffUser", targetId: id });
  });
}
