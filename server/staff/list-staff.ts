import "server-only";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import type { StaffRole, StaffStatus } from "../generated/prisma/enums";
import { assignableRoles, requireStaffManager } from "./staff-scope";

export type StaffUserSummary = {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  status: StaffStatus;
  municipality: { code: string; name: string } | null;
  mfaEnrolled: boolean;
  lastSignInAt: string | null;
  /** Whether the viewer is this user (the UI hides disable/role actions on oneself). */
  isSelf: boolean;
};

/** The staff the actor manages: their municipality's (administrator) or everyone (operator). */
export async function listStaff({ ctx }: { ctx: RequestContext }): Promise<StaffUserSummary[]> {
  requireStaffManager(ctx);
  const scope = ctx.municipalityId === null ? {} : { municipalityId: ctx.municipalityId };
  const rows = await withTenant(ctx, (tx) =>
    tx.staffUser.findMany({
      where: { ...scope, role: { in: [...assignableRoles(ctx)] } },
      orderBy: [{ municipality: { code: "asc" } }, { loginId: "asc" }],
      select: {
        id: true,
        loginId: true,
        displayName: true,
        role: true,
        status: true,
        mfaEnrolledAt: true,
        lastSignInAt: true,
        municipality: { select: { code: true, name: true } },
      },
    }),
  );
  const selfId = ctx.actor.type === "staff" ? ctx.actor.id : null;
  return rows.map((r) => ({
    id: r.id,
    loginId: r.loginId,
    displayName: r.displayName,
    role: r.role,
    status: r.status,
    municipality: r.municipality,
    mfaEnrolled: r.mfaEnrolledAt !== null,
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
    isSelf: r.id === selfId,
  }));
}
