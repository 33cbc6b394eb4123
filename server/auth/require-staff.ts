import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { RequestContext } from "../context";
import { getDb } from "../db";
import type { StaffRole } from "../generated/prisma/enums";
import { authOptions } from "./auth-options";

export type StaffSession = {
  staffId: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  municipality: { id: string; code: string; name: string; prefecture: string } | null;
  ctx: RequestContext;
};

/**
 * The signed-in staff member, re-read from the database on every request: a disabled account, a bumped
 * sessionVersion (password change, forced sign-out) or a changed role takes effect at the next request,
 * whatever the JWT still says. Returns null when there is no valid session. Memoised per request (the
 * layout and the page both ask).
 */
export const getStaffSession = cache(async function getStaffSession(): Promise<StaffSession | null> {
  const session = await getServerSession(authOptions);
  if (!session?.staffId) return null;
  const user = await getDb().staffUser.findUnique({
    where: { id: session.staffId },
    include: { municipality: { select: { id: true, code: true, name: true, prefecture: true } } },
  });
  if (!user || user.status !== "active" || user.sessionVersion !== session.sessionVersion) return null;
  return {
    staffId: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    role: user.role,
    municipality: user.municipality,
    ctx: {
      actor: { type: "staff", id: user.id, role: user.role, municipalityId: user.municipalityId },
      municipalityId: user.municipalityId,
      requestId: crypto.randomUUID(),
    },
  };
});

/** For each restricted page.tsx: the session, or a redirect to the sign-in page; optionally limited to roles. */
export async function requireStaff(...roles: StaffRole[]): Promise<StaffSession> {
  const staff = await getStaffSession();
  if (!staff) redirect("/login");
  if (roles.length && !roles.includes(staff.role)) redirect("/forbidden");
  return staff;
}
