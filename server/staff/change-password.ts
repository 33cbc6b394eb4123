import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { ZChangePassword } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import { isThrottled, recordSignInFailure, retryAfterSeconds, throttleOffAt } from "../auth/sign-in-failures";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { actorId } from "./staff-scope";

/**
 * The signed-in user changes their own password. The current password is required (a session left open on a
 * shared counter PC must not be enough); every session of the user, this one included, ends at the next request.
 * A wrong current password counts like a wrong password at sign-in (same counter and throttle, counted in SQL),
 * so an open session cannot be used to guess the password; while the throttle runs the change is refused.
 */
export async function changePassword({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  const data = parseInput(ZChangePassword, input);
  const id = actorId(ctx);
  const user = await withTenant(ctx, (tx) =>
    tx.staffUser.findUnique({ where: { id }, select: { id: true, loginId: true, passwordHash: true, status: true, throttledUntil: true } }),
  );
  if (!user || user.status !== "active") throw new AppError("unauthenticated", "no active user");
  if (data.newPassword === user.loginId) throw new AppError("password_equals_login_id", "the password equals the login id");
  const currentOk = await verify(user.passwordHash, data.currentPassword).catch(() => false);
  const throttled = isThrottled(user.throttledUntil, now);
  if (!currentOk) {
    await withTenant(ctx, async (tx) => {
      const { failedCount } = await recordSignInFailure(tx, id, now);
      await writeAuditEvent(tx, ctx, { action: "staff.password_change_refused", targetType: "StaffUser", targetId: id, details: { reason: "current_password", failedCount, throttled } });
    });
    if (throttled) throw throttledError(user.throttledUntil!, now);
    throw new AppError("invalid_current_password", "the current password is wrong");
  }
  if (throttled) throw throttledError(user.throttledUntil!, now);
  const passwordHash = await hash(data.newPassword);
  const changed = await withTenant(ctx, async (tx) => {
    // Only while no throttle runs, judged in the same statement: a parallel wrong guess may have started one.
    const { count } = await tx.staffUser.updateMany({
      where: { id, ...throttleOffAt(now) },
      data: { passwordHash, passwordChangedAt: now, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    if (count === 0) return false;
    await writeAuditEvent(tx, ctx, { action: "staff.password_changed", targetType: "StaffUser", targetId: id });
    return true;
  });
  if (!changed) throw new AppError("throttled", "too many attempts; wait");
}

function throttledError(until: Date, now: Date): AppError {
  return new AppError("throttled", "too many attempts; wait", { details: { retryAfterSeconds: retryAfterSeconds(until, now) } });
}
