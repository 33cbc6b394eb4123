import "server-only";
import crypto from "node:crypto";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);
export const SYSTEM_CHAIN = "system";

export type AuditInput = {
  action: string; // e.g. "staff.sign_in", "issuance.create", "resident.read_my_number"
  targetType?: string;
  targetId?: string;
  /** Ids, codes and counts only: never names, addresses, 個人番号 or other personal data. */
  details?: Record<string, unknown>;
  /** Defaults to the context's municipality. */
  municipalityId?: string | null;
};

export type HashedFields = {
  chain: string;
  seq: number;
  municipalityId: string | null;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
};

export function auditHash(prevHash: string, f: HashedFields): string {
  return crypto
    .createHash("sha256")
    .update(prevHash)
    .update(canonicalJson({ ...f, occurredAt: f.occurredAt.toISOString() }))
    .digest("hex");
}

/**
 * Appends one event to the municipality's chain inside the caller's transaction. A transaction-scoped
 * advisory lock per chain orders concurrent writers, so the chain never forks; (chain, seq) is unique as a
 * second guard. Call it last in a transaction: the lock is held until commit.
 */
export async function writeAuditEvent(tx: Tx, ctx: RequestContext, input: AuditInput): Promise<{ seq: number; hash: string }> {
  const municipalityId = input.municipalityId === undefined ? ctx.municipalityId : input.municipalityId;
  const chain = municipalityId ?? SYSTEM_CHAIN;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"audit:" + chain}, 0))`;
  const last = await tx.auditEvent.findFirst({ where: { chain }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision survives the round trip through timestamp(3).
  const occurredAt = new Date(Math.floor(Date.now()));
  const fields: HashedFields = {
    chain,
    seq,
    municipalityId,
    occurredAt,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: input.details ?? {},
  };
  const hash = auditHash(prevHash, fields);
  await tx.auditEvent.create({
    data: {
      ...fields,
      actorType: ctx.actor.type,
      details: (input.details ?? {}) as object,
      prevHash,
      hash,
    },
  });
  return { seq, hash };
}
