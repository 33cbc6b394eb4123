import "server-only";
import { can } from "@/lib/permissions";
import type { RequestContext } from "../context";
import { requirePermission } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import type { StaffRole, StaffStatus } from "../generated/prisma/enums";

// Who may manage whom. A municipal administrator manages the staff of their own municipality (administrators,
// clerks, auditors); the operator manages everyone, operators included. Shared by the user-management verbs.

export const MUNICIPAL_ROLES: readonly StaffRole[] = ["municipal_admin", "clerk", "auditor"];

export function requireStaffManager(ctx: RequestContext): void {
  requirePermission(ctx, "staff:manage");
}

export function assignableRoles(ctx: RequestContext): readonly StaffRole[] {
  return ctx.actor.type === "staff" && can(ctx.actor.role, "staff:manage-operators") ? ["operator", ...MUNICIPAL_ROLES] : MUNICIPAL_ROLES;
}

export function actorId(ctx: RequestContext): string {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "only staff act here");
  return ctx.actor.id;
}

export type ManagedUser = {
  id: string;
  loginId: string;
  municipalityId: string | null;
  role: StaffRole;
  status: StaffStatus;
};

/**
 * The target user, if the actor may manage them: same municipality for a municipal administrator (users of
 * another municipality and operators are "not found", not "forbidden", so ids of other tenants reveal nothing).
 */
export async function findManagedUser(tx: Tx, ctx: RequestContext, staffUserId: string): Promise<ManagedUser> {
  requireStaffManager(ctx);
  const scope = ctx.municipalityId === null ? {} : { municipalityId: ctx.municipalityId };
  const user = await tx.staffUser.findFirst({
    where: { id: staffUserId, ...scope },
    select: { id: true, loginId: true, municipalityId: true, role: true, status: true },
  });
  if (!user) throw new AppError("not_found", "no such staff user");
  if (!assignableRoles(ctx).includes(user.role)) throw new AppError("not_found", "no such staff user");
  return user;
}

/**
 * Refuses a change that would leave a municipality without an active administrator, or the instance without
 * an active operator. Row locks on the remaining administrators serialize two admins disabling each other.
 */
export async function assertNotLastAdmin(tx: Tx, user: ManagedUser): Promise<void> {
  if (user.status !== "active" || (user.role !== "municipal_admin" && user.role !== "operator")) return;
  const others =
    user.role === "operator"
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "StaffUser" WHERE role = 'operator' AND status = 'active' AND id <> ${user.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "StaffUser" WHERE role = 'municipal_admin' AND status = 'active' AND "municipalityId" = ${user.municipalityId}::uuid AND id <> ${user.id}::uuid FOR UPDATE`;
  if (others.length === 0) throw new AppError("last_admin", "this would remove the last administrator");
}
