import "server-only";
import { can } from "@/lib/permissions";
import { requireStaff, type StaffSession } from "@/server/auth/require-staff";
import { listTargetMunicipalities, type TargetMunicipality } from "@/server/service-config/target-municipality";
import { MONTH_RE, monthOf } from "@/lib/months";

export type StatsPage = {
  staff: StaffSession;
  municipalities: TargetMunicipality[];
  /** Null: the operator looks at every municipality (or has not chosen one). */
  target: TargetMunicipality | null;
  month: string;
  canEdit: boolean;
};

/**
 * Authorizes a statistics page (every staff role reads) and reads the filters from the URL: staff of a
 * municipality always get their own whatever the URL says; the operator picks one with ?municipality=CODE.
 * ?month=YYYY-MM defaults to the current JST month.
 */
export async function loadStatsPage(params: Record<string, string | string[] | undefined>): Promise<StatsPage> {
  const staff = await requireStaff("operator", "municipal_admin", "clerk", "auditor");
  const municipalities = await listTargetMunicipalities({ ctx: staff.ctx });
  const code = typeof params.municipality === "string" ? params.municipality : null;
  const target = can(staff.role, "all-municipalities") ? (municipalities.find((m) => m.code === code) ?? null) : (municipalities[0] ?? null);
  const month = typeof params.month === "string" && MONTH_RE.test(params.month) ? params.month : monthOf(new Date());
  return { staff, municipalities, target, month, canEdit: can(staff.role, "stats:edit") };
}

export function pageQuery(target: TargetMunicipality | null, month: string, isOperator: boolean): string {
  const q = new URLSearchParams();
  if (isOperator && target) q.set("municipality", target.code);
  q.set("month", month);
  return `?${q.toString()}`;
}
