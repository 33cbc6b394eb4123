import "server-only";
import { ZAuditEventList, type AuditEventListInput } from "@/lib/schemas/logs";
import { verifyAuditChain, type ChainVerification } from "../audit/verify-audit-chain";
import { requirePermission, type RequestContext } from "../context";
import type { Db } from "../db";
import { withTenant } from "../db/tenant";
import { resolveAuditChain, type AuditChainScope } from "./audit-chain-scope";
import { parseInput } from "../parse-input";

export type ChainCheck = { scope: AuditChainScope; result: ChainVerification };

/**
 * Recomputes the hash chain the viewer reads (own municipality; the operator's choice) and reports OK with
 * the count and head hash, or the first broken seq. Null when the operator named an unknown municipality.
 */
export async function verifyAuditChains({ ctx, input }: { ctx: RequestContext; input: AuditEventListInput }): Promise<ChainCheck | null> {
  requirePermission(ctx, "audit:read");
  const q = parseInput(ZAuditEventList, input);
  return withTenant(
    ctx,
    async (tx) => {
      const scope = await resolveAuditChain(tx, ctx, q.chain);
      if (!scope) return null;
      // verifyAuditChain only pages through tx.auditEvent; it runs in the tenant transaction so row-level
      // security applies (its parameter is typed as the full client, hence the cast).
      const result = await verifyAuditChain(tx as unknown as Db, scope.chain);
      return { scope, result };
    },
    { timeout: 120_000 },
  );
}
