import "server-only";
import { SYSTEM_CHAIN_KEY } from "@/lib/schemas/logs";
import { SYSTEM_CHAIN } from "../audit/audit-chain";
import type { RequestContext } from "../context";
import type { Tx } from "../db";

export type AuditChainScope = { chain: string; label: string; municipalityCode: string | null };

/**
 * The audit chain a viewer reads. Staff of a municipality always get their municipality's chain, whatever
 * they asked for; the operator picks a municipality by code or "system" (default "system"). Null when the
 * operator named an unknown code.
 */
export async function resolveAuditChain(tx: Tx, ctx: RequestContext, requested: string | undefined): Promise<AuditChainScope | null> {
  if (ctx.municipalityId) {
    const m = await tx.municipality.findUniqueOrThrow({ where: { id: ctx.municipalityId }, select: { id: true, code: true, name: true } });
    return { chain: m.id, label: m.name, municipalityCode: m.code };
  }
  if (!requested || requested === SYSTEM_CHAIN_KEY) return { chain: SYSTEM_CHAIN, label: "システム（自治体に属さない操作）", municipalityCode: null };
  const m = await tx.municipality.findUnique({ where: { code: requested }, select: { id: true, code: true, name: true } });
  return m ? { chain: m.id, label: m.name, municipalityCode: m.code } : null;
}
