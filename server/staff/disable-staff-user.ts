import "server-only";
import { ZDisableStaffUser } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { actorId, assertNotLastAdmin, findManagedUser, requireStaffManager } from "./staff-scope";

/** Disables a user and ends their sessions at the next request (sessionVersion). Never oneself or the last admin. */
export async function disableStaffUser({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  requireStaffManager(ctx);
  const { staffUserId } = parseInput(ZDisableStaffUser, input);
  if (staffUserId === actorId(ctx)) throw new AppError("cannot_change_self", "nobody disables themselves");
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    if (user.status === "disabled") return;
    await assertNotLastAdmin(tx, user);
    await tx.staffUser.update({ where: { id: user.id }, data: { status: "disabled", sessionVersion: { increment: 1 } } });
    await writeAuditEvent(tx, ctx, { action: "staff.user_disabled", targetType: "StaffUser", targetId: user.id, municipalityId: user.municipalityId });
  });
}
