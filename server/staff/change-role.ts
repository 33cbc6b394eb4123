import "server-only";
import { ZChangeRole } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { actorId, assertNotLastAdmin, assignableRoles, findManagedUser, requireStaffManager } from "./staff-scope";

/**
 * Changes a user's role within the actor's reach. An operator account has no municipality, so moving between
 * "operator" and a municipal role is refused here (create a new account instead). Never one's own role.
 */
export async function changeRole({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  requireStaffManager(ctx);
  const { staffUserId, role } = parseInput(ZChangeRole, input);
  if (staffUserId === actorId(ctx)) throw new AppError("cannot_change_self", "nobody changes their own role");
  if (!assignableRoles(ctx).includes(role)) throw new AppError("forbidden", "this role cannot be assigned by the actor");
  await withTenant(ctx, async (tx) => {
    const user = await findManagedUser(tx, ctx, staffUserId);
    if (user.role === role) return;
    if ((user.role === "operator") !== (role === "operator")) {
      throw new AppError("role_scope_mismatch", "operator and municipal roles are not interchangeable");
    }
    await assertNotLastAdmin(tx, user);
    await tx.staffUser.update({ where: { id: user.id }, data: { role } });
    await writeAuditEvent(tx, ctx, {
      action: "staff.role_changed",
      targetType: "StaffUser",
      targetId: user.id,
      municipalityId: user.municipalityId,
      details: { from: user.role, to: role },
    });
  });
}
