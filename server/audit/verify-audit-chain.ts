import "server-only";
import type { Db } from "../db";
import { auditHash, GENESIS_HASH } from "./audit-chain";

export type ChainVerification =
  | { ok: true; chain: string; checked: number; headHash: string }
  | { ok: false; chain: string; checked: number; brokenAtSeq: number; reason: "hash_mismatch" | "prev_hash_mismatch" | "sequence_gap" };

/** Recomputes every hash of one chain in order, in pages, and reports the first break. */
export async function verifyAuditChain(db: Db, chain: string, pageSize = 5000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { chain, seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, chain, checked, brokenAtSeq: expectedSeq, reason: "sequence_gap" };
      if (r.prevHash !== prevHash) return { ok: false, chain, checked, brokenAtSeq: r.seq, reason: "prev_hash_mismatch" };
      const h = auditHash(prevHash, {
        chain: r.chain,
        seq: r.seq,
        municipalityId: r.municipalityId,
        occurredAt: r.occurredAt,
        actorType: r.actorType,
        actorId: r.actorId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.details,
      });
      if (h !== r.hash) return { ok: false, chain, checked, brokenAtSeq: r.seq, reason: "hash_mismatch" };
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, chain, checked, headHash: prevHash };
}
