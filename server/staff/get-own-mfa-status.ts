import "server-only";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { actorId } from "./staff-scope";

/** The signed-in user's own MFA state for the account page: enrolled since, unused recovery codes left. */
export async function getOwnMfaStatus({ ctx }: { ctx: RequestContext }): Promise<{ enrolledAt: string | null; recoveryCodesRemaining: number }> {
  const id = actorId(ctx);
  const row = await withTenant(ctx, (tx) =>
    tx.staffUser.findUnique({
      where: { id },
      select: { mfaEnrolledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
    }),
  );
  return { enrolledAt: row?.mfaEnrolledAt?.toISOString() ?? null, recoveryCodesRemaining: row?._count.recoveryCodes ?? 0 };
}
