import "server-only";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { appendAuditEvent, type AuditChainStore, type AuditInput, type AuditLink } from "./audit-chain";

function prismaAuditStore(tx: Tx): AuditChainStore {
  return {
    async lockChain(lockKey) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    },
    lastLink: (chain) => tx.auditEvent.findFirst({ where: { chain }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    async insert(row) {
      await tx.auditEvent.create({ data: { ...row, details: row.details as object } });
    },
  };
}

/** Appends one event to the audit chain (server/audit/audit-chain.ts) inside the caller's Prisma transaction. Call it last. */
export function writeAuditEvent(tx: Tx, ctx: RequestContext, input: AuditInput): Promise<AuditLink> {
  return appendAuditEvent(prismaAuditStore(tx), ctx, input);
}
