import "server-only";
import { SYSTEM_CHAIN_KEY } from "@/lib/schemas/logs";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";

export type AuditChainOption = { value: string; label: string };

/** The chains the operator may choose on the audit log (system + every municipality); [] for other roles. */
export async function listAuditChains({ ctx }: { ctx: RequestContext }): Promise<AuditChainOption[]> {
  requirePermission(ctx, "audit:read");
  if (ctx.municipalityId) return [];
  return withTenant(ctx, async (tx) => {
    const municipalities = await tx.municipality.findMany({ select: { code: true, name: true, prefecture: true }, orderBy: { code: "asc" } });
    return [
      { value: SYSTEM_CHAIN_KEY, label: "システム（自治体に属さない操作）" },
      ...municipalities.map((m) => ({ value: m.code, label: `${m.prefecture} ${m.name}（${m.code}）` })),
    ];
  });
}
