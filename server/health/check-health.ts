import "server-only";
import { getDb } from "../db";

export type Health = {
  status: "ok" | "degraded";
  database: {
    reachable: boolean;
    latencyMs: number | null;
    /** "enforced" when the app's role is subject to row-level security; "bypassed" is a misconfiguration. */
    rowLevelSecurity: "enforced" | "bypassed" | null;
  };
};

/**
 * Liveness and configuration: the database answers, and the app's database role is one that row-level
 * security applies to (not a superuser, no BYPASSRLS, not the owner of the tables). An app connected as
 * the owner would still work, silently without tenant isolation — so that is reported as degraded.
 */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    const [role] = await getDb().$queryRaw<{ bypass: boolean }[]>`
      SELECT (r.rolsuper OR r.rolbypassrls OR EXISTS (
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = 'Resident' AND c.relowner = r.oid)) AS bypass
      FROM pg_roles r WHERE r.rolname = current_user`;
    const rowLevelSecurity = role?.bypass === false ? "enforced" : "bypassed";
    return {
      status: rowLevelSecurity === "enforced" ? "ok" : "degraded",
      database: { reachable: true, latencyMs: Math.round(performance.now() - started), rowLevelSecurity },
    };
  } catch {
    return { status: "degraded", database: { reachable: false, latencyMs: null, rowLevelSecurity: null } };
  }
}
