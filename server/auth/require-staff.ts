import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { RequestContext } from "../context";
import { withSystemScope } from "../db/tenant";
import type { StaffRole } from "../generated/prisma/enums";
import { authOptions } from "./auth-options";
import { sessionTimeoutDecision } from "./session-timeouts";

export type StaffSession = {
  staffId: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  municipality: { id: string; code: string; name: string; prefecture: string } | null;
  ctx: RequestContext;
};

/**
 * Where the session stands with MFA: "passed" may use the portal; "verify" must enter a TOTP or recovery
 * code at /login/mfa; "enrol" has no MFA yet and must set it up at /account/mfa.
 */
export type MfaState = "passed" | "verify" | "enrol";

export type SignedInStaff = StaffSession & { mfa: MfaState; mustChangePassword: boolean; mfaEnrolled: boolean; signedInAt: number };

/**
 * The signed-in staff member, whatever the MFA state, re-read from the database on every request: a disabled
 * account, a bumped sessionVersion (password change, reset, disable) or a changed role takes effect at the next
 * request, whatever the JWT still says. Null when there is no session, or it is past the idle (15 min) or
 * absolute (8 h) timeout. Memoised per request (the layout and the page both ask).
 */
export const getSignedInStaff = cache(async function getSignedInStaff(): Promise<SignedInStaff | null> {
  const session = await getServerSession(authOptions);
  if (!session?.staffId) return null;
  if (sessionTimeoutDecision(session, Math.floor(Date.now() / 1000)) !== "active") return null;
  // Who the session belongs to is read before a tenant is known: system work.
  const user = await withSystemScope("session", (tx) =>
    tx.staffUser.findUnique({
      where: { id: session.staffId },
      include: { municipality: { select: { id: true, code: true, name: true, prefecture: true } } },
    }),
  );
  if (!user || user.status !== "active" || user.sessionVersion !== session.sessionVersion) return null;
  const enrolled = user.mfaEnrolledAt !== null;
  return {
    staffId: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    role: user.role,
    municipality: user.municipality,
    mfa: !enrolled ? "enrol" : session.mfaPassed === true ? "passed" : "verify",
    mustChangePassword: user.mustChangePassword,
    mfaEnrolled: enrolled,
    signedInAt: session.signedInAt!,
    ctx: {
      actor: { type: "staff", id: user.id, role: user.role, municipalityId: user.municipalityId },
      municipalityId: user.municipalityId,
      requestId: crypto.randomUUID(),
    },
  };
});

/** Where a session with a temporary or initial password is sent until the password is changed. */
export const PASSWORD_CHANGE_PATH = "/account/password";

/**
 * The staff session for route handlers and actions: only a session that passed MFA and has no pending forced
 * password change. A session still at the MFA step, or one whose password must be changed first (initial or
 * reset password), gets null here, so no portal data or action is reachable before both are done.
 */
export async function getStaffSession(): Promise<StaffSession | null> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "passed" || staff.mustChangePassword) return null;
  return staff;
}

/**
 * A session that passed MFA, whether or not it must change its password: only for the password change itself
 * (its page and action) and for the portal chrome, which then shows no menu.
 */
export async function getStaffSessionForPasswordChange(): Promise<SignedInStaff | null> {
  const staff = await getSignedInStaff();
  if (!staff || staff.mfa !== "passed") return null;
  return staff;
}

/**
 * For each restricted page.tsx: the session, or a redirect to sign-in / the MFA step / the forced password
 * change; optionally limited to roles.
 */
export async function requireStaff(...roles: StaffRole[]): Promise<StaffSession> {
  const staff = await requireStaffForPasswordChange();
  if (staff.mustChangePassword) redirect(PASSWORD_CHANGE_PATH);
  if (roles.length && !roles.includes(staff.role)) redirect("/forbidden");
  return staff;
}

/** For the password change page only: like requireStaff, but reachable while the change is pending. */
export async function requireStaffForPasswordChange(): Promise<SignedInStaff> {
  const staff = await getSignedInStaff();
  if (!staff) redirect("/login");
  if (staff.mfa === "verify") redirect("/login/mfa");
  if (staff.mfa === "enrol") redirect("/account/mfa");
  return staff;
}

/**
 * For the MFA pages (/login/mfa, /account/mfa) and their actions: a signed-in session at any MFA state.
 * These pages show nothing but the user's own MFA setup.
 */
export async function requireSignedInStaff(): Promise<SignedInStaff> {
  const staff = await getSignedInStaff();
  if (!staff) redirect("/login");
  return staff;
}
