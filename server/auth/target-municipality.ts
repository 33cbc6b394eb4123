import "server-only";
import { can, rolesWith, type Permission } from "@/lib/permissions";
import { listTargetMunicipalities, type TargetMunicipality } from "../service-config/target-municipality";
import { requireStaff, type StaffSession } from "./require-staff";

export type SearchParams = Record<string, string | string[] | undefined>;

export type StaffTarget = {
  staff: StaffSession;
  /** The municipalities the staff member may look at: all for the operator, otherwise their own. */
  municipalities: TargetMunicipality[];
  /** The municipality being looked at; null when the operator has not chosen one (or named an unknown code). */
  target: TargetMunicipality | null;
  /** Whether the staff member chooses the municipality (`?municipality=CODE`): the operator. */
  choosesMunicipality: boolean;
  /** Whether the staff member holds the page's edit permission. */
  canEdit: boolean;
};

/**
 * For a page that looks at one municipality at a time (service configuration, statistics): authorizes the
 * session for `read` (redirect to /forbidden otherwise) and resolves the municipality. Staff of a municipality
 * always get their own, whatever the URL says; the operator chooses one with ?municipality=CODE.
 */
export async function requireStaffTarget(params: SearchParams, { read, edit }: { read: Permission; edit: Permission }): Promise<StaffTarget> {
  const staff = await requireStaff(...rolesWith(read));
  const municipalities = await listTargetMunicipalities({ ctx: staff.ctx });
  const choosesMunicipality = can(staff.role, "all-municipalities");
  const code = typeof params.municipality === "string" ? params.municipality : null;
  const target = choosesMunicipality ? (municipalities.find((m) => m.code === code) ?? null) : (municipalities[0] ?? null);
  return { staff, municipalities, target, choosesMunicipality, canEdit: can(staff.role, edit) };
}
