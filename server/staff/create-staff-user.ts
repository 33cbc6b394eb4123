import "server-only";
import { hash } from "@node-rs/argon2";
import { ZCreateStaffUser } from "@/lib/schemas/staff";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { assignableRoles, requireStaffManager } from "./staff-scope";

/**
 * Creates a staff user with an initial password the administrator hands over; the user must change it and
 * enrol MFA at first sign-in. A municipal administrator always creates in their own municipality (any
 * municipality code in the payload is ignored); the operator names the municipality, or none for an operator.
 */
export async function createStaffUser({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<{ id: string }> {
  requireStaffManager(ctx);
  const data = parseInput(ZCreateStaffUser, input);
  if (!assignableRoles(ctx).includes(data.role)) throw new AppError("forbidden", "this role cannot be assigned by the actor");
  const passwordHash = await hash(data.initialPassword);

  return withTenant(ctx, async (tx) => {
    let municipalityId: string | null;
    if (ctx.municipalityId !== null) {
      municipalityId = ctx.municipalityId;
    } else if (data.role === "operator") {
      municipalityId = null;
    } else {
      if (!data.municipalityCode) throw new AppError("municipality_required", "a municipal role needs a municipality");
      const m = await tx.municipality.findUnique({ where: { code: data.municipalityCode }, select: { id: true } });
      if (!m) throw new AppError("municipality_not_found", "no municipality with this code");
      municipalityId = m.id;
    }
    const taken = await tx.staffUser.findUnique({ where: { loginId: data.loginId }, select: { id: true } });
    if (taken) throw new AppError("login_id_taken", "the login id is in use");
    const user = await tx.staffUser.create({
      data: {
        loginId: data.loginId,
        displayName: data.displayName,
        role: data.role,
        municipalityId,
        passwordHash,
        mustChangePassword: true,
      },
      select: { id: true },
    });
    await writeAuditEvent(tx, ctx, {
      action: "staff.user_created",
      targetType: "StaffUser",
      targetId: user.id,
      municipalityId,
      details: { role: data.role },
    });
    return { id: user.id };
  });
}
