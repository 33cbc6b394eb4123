import "server-only";
import { can } from "@/lib/permissions";
import { requireStaff, type StaffSession } from "@/server/auth/require-staff";
import { listTargetMunicipalities, type TargetMunicipality } from "@/server/service-config/target-municipality";

export type ServicePageTarget = { staff: StaffSession; municipalities: TargetMunicipality[]; target: TargetMunicipality | null; canEdit: boolean };

/**
 * Authorizes a service-configuration page (every staff role may view; admins and the operator edit) and picks
 * the municipality: staff of a municipality always get their own, whatever the URL says; the operator chooses
 * one with ?municipality=CODE.
 */
export async function loadServiceTarget(params: Record<string, string | string[] | undefined>): Promise<ServicePageTarget> {
  const staff = await requireStaff("operator", "municipal_admin", "clerk", "auditor");
  const municipalities = await listTargetMunicipalities({ ctx: staff.ctx });
  const code = typeof params.municipality === "string" ? params.municipality : null;
  const target = can(staff.role, "all-municipalities") ? (municipalities.find((m) => m.code === code) ?? null) : (municipalities[0] ?? null);
  return { staff, municipalities, target, canEdit: can(staff.role, "service:edit") };
}
