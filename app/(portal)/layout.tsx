import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { StaffNav } from "@/components/layout/staff-nav";
import { ROLE_LABELS } from "@/lib/roles";
import { getStaffSessionForPasswordChange } from "@/server/auth/require-staff";
import { SessionActivity } from "./account/_components/session-activity";

// Chrome only. Authorization lives in each page.tsx (requireStaff), never here: layouts do not re-run on
// every navigation and are not a security boundary.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const staff = await getStaffSessionForPasswordChange();
  return (
    <>
      <SiteHeader
        user={
          staff
            ? { displayName: staff.displayName, roleLabel: ROLE_LABELS[staff.role], municipalityName: staff.municipality?.name ?? null }
            : null
        }
      />
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-6 desktop:flex-row desktop:gap-10 desktop:px-6 desktop:py-10">
        {/* Records activity so the 15-minute idle timeout slides while the staff member works. */}
        {staff ? <SessionActivity /> : null}
        {/* Until a forced password change is done the menu is hidden: every other page redirects to it anyway. */}
        {staff && !staff.mustChangePassword ? (
          <div className="desktop:w-56 desktop:shrink-0">
            <StaffNav role={staff.role} />
          </div>
        ) : null}
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </>
  );
}
