import "server-only";
import type pg from "pg";
import { appendAuditEvent, type AuditChainStore, type AuditInput } from "../audit/audit-chain";
import type { RequestContext } from "../context";

function pgAuditStore(client: pg.ClientBase): AuditChainStore {
  return {
    async lockChain(lockKey) {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey]);
    },
    async lastLink(chain) {
      const { rows } = await client.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM "AuditEvent" WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
      return rows[0] ?? null;
    },
    async insert(row) {
      // occurredAt is timestamp(3) without time zone holding UTC, as Prisma writes it.
      await client.query(
        `INSERT INTO "AuditEvent" (chain, seq, "municipalityId", "occurredAt", "actorType", "actorId", action, "targetType", "targetId", details, "prevHash", hash)
         VALUES ($1, $2, $3::uuid, $4::timestamp(3), $5::"ActorType", $6, $7, $8, $9, $10::jsonb, $11, $12)`,
        [row.chain, row.seq, row.municipalityId, row.occurredAt.toISOString().replace("Z", ""), row.actorType, row.actorId, row.action, row.targetType, row.targetId, JSON.stringify(row.details), row.prevHash, row.hash],
      );
    },
  };
}

/**
 * writeAuditEvent for the import's own pg connection: a successful import must be audited in the same
 * transaction as its data (STYLE.md §5), and that transaction is a raw pg one (bulk SQL through Prisma's
 * adapter is about four times slower). The same append (server/audit/audit-chain.ts) over a pg store, so
 * verifyAuditChain cannot tell the two writers apart. Call it last: the chain lock is held until commit.
 */
export async function writeImportAuditEvent(client: pg.ClientBase, ctx: RequestContext, input: AuditInput): Promise<void> {
  await appendAuditEvent(pgAuditStore(client), ctx, input);
}
