import "server-only";
import { ZStaffUserRef } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { findManagedUser, requireStaffManager } from "./staff-scope";

/** Re-enables a disabled user; the throttle is cleared so they can sign in straight away. */
export async function enableStaffUser({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  requireStaffManager(ctx);
  const { staffUserId } = parseInput(ZStaffUserRef, input);
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    if (user.status === "active") return;
    await tx.staffUser.update({ where: { id: user.id }, data: { status: "active", failedSignInCount: 0, throttledUntil: null } });
    await writeAuditEvent(tx, ctx, { action: "staff.user_enabled", targetType: "StaffUser", targetId: user.id, municipalityId: user.municipalityId });
  });
}
