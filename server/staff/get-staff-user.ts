import "server-only";
import { ZStaffUserRef } from "@/lib/schemas/staff";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import type { StaffRole, StaffStatus } from "../generated/prisma/enums";
import { parseInput } from "../parse-input";
import { actorId, assignableRoles, findManagedUser, MUNICIPAL_ROLES, requireStaffManager } from "./staff-scope";

export type StaffUserDetail = {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  status: StaffStatus;
  municipality: { code: string; name: string } | null;
  mfaEnrolled: boolean;
  recoveryCodesRemaining: number;
  mustChangePassword: boolean;
  throttled: boolean;
  lastSignInAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  isSelf: boolean;
  /** Roles the viewer may switch this user to: operator ⇄ municipal roles never mix, and never one's own. */
  roleChoices: StaffRole[];
};

/** One staff user the actor manages (own municipality for an administrator); others are "not found". */
export async function getStaffUser({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<StaffUserDetail> {
  requireStaffManager(ctx);
  const { staffUserId } = parseInput(ZStaffUserRef, input);
  const row = await withTenant(ctx, async (tx) => {
    const managed = await findManagedUser(tx, ctx, staffUserId);
    return tx.staffUser.findUniqueOrThrow({
      where: { id: managed.id },
      select: {
        id: true,
        loginId: true,
        displayName: true,
        role: true,
        status: true,
        mfaEnrolledAt: true,
        mustChangePassword: true,
        throttledUntil: true,
        lastSignInAt: true,
        passwordChangedAt: true,
        createdAt: true,
        municipality: { select: { code: true, name: true } },
        _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      },
    });
  });
  const isSelf = row.id === actorId(ctx);
  const sameScope: readonly StaffRole[] = row.role === "operator" ? ["operator"] : MUNICIPAL_ROLES;
  return {
    id: row.id,
    loginId: row.loginId,
    displayName: row.displayName,
    role: row.role,
    status: row.status,
    municipality: row.municipality,
    mfaEnrolled: row.mfaEnrolledAt !== null,
    recoveryCodesRemaining: row._count.recoveryCodes,
    mustChangePassword: row.mustChangePassword,
    throttled: row.throttledUntil !== null && row.throttledUntil > now,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    isSelf,
    roleChoices: isSelf ? [] : assignableRoles(ctx).filter((r) => sameScope.includes(r)),
  };
}
