import "server-only";
import crypto from "node:crypto";
import type { RequestContext } from "../context";
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

export type AuditLink = { seq: number; hash: string };

export type AuditRow = HashedFields & { actorType: RequestContext["actor"]["type"]; details: Record<string, unknown>; prevHash: string; hash: string };

/**
 * The three statements an append needs, run on whichever connection holds the caller's transaction: the
 * Prisma transaction of a verb (server/audit/write-audit-event.ts) or the raw pg client of an import
 * (server/imports/write-import-audit.ts).
 */
export type AuditChainStore = {
  /** Takes the chain's transaction-scoped advisory lock (held until commit). */
  lockChain(lockKey: string): Promise<void>;
  /** The chain's last event, or null for an empty chain. */
  lastLink(chain: string): Promise<AuditLink | null>;
  insert(row: AuditRow): Promise<void>;
};

export function auditHash(prevHash: string, f: HashedFields): string {
  return crypto
    .createHash("sha256")
    .update(prevHash)
    .update(canonicalJson({ ...f, occurredAt: f.occurredAt.toISOString() }))
    .digest("hex");
}

/**
 * Appends one event to the municipality's chain inside the store's transaction. A transaction-scoped
 * advisory lock per chain orders concurrent writers, so the chain never forks; (chain, seq) is unique as a
 * second guard. Call it last in a transaction: the lock is held until commit.
 */
export async function appendAuditEvent(store: AuditChainStore, ctx: RequestContext, input: AuditInput): Promise<AuditLink> {
  const municipalityId = input.municipalityId === undefined ? ctx.municipalityId : input.municipalityId;
  const chain = municipalityId ?? SYSTEM_CHAIN;
  await store.lockChain(`audit:${chain}`);
  const last = await store.lastLink(chain);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision survives the round trip through timestamp(3).
  const occurredAt = new Date(Math.floor(Date.now()));
  const details = input.details ?? {};
  const fields = {
    chain,
    seq,
    municipalityId,
    occurredAt,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details,
  } satisfies HashedFields;
  const hash = auditHash(prevHash, fields);
  await store.insert({ ...fields, prevHash, hash });
  return { seq, hash };
}
