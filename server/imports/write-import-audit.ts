import "server-only";
import type pg from "pg";
import { auditHash, GENESIS_HASH, SYSTEM_CHAIN, type AuditInput, type HashedFields } from "../audit/write-audit-event";
import type { RequestContext } from "../context";

/**
 * writeAuditEvent for the import's own pg connection: a successful import must be audited in the same
 * transaction as its data (STYLE.md §5), and that transaction is a raw pg one (bulk SQL through Prisma's
 * adapter is about four times slower). Same chain, same advisory lock, same hash (auditHash), so
 * verifyAuditChain cannot tell the two writers apart. Call it last: the chain lock is held until commit.
 */
export async function writeImportAuditEvent(client: pg.ClientBase, ctx: RequestContext, input: AuditInput): Promise<void> {
  const municipalityId = input.municipalityId === undefined ? ctx.municipalityId : input.municipalityId;
  const chain = municipalityId ?? SYSTEM_CHAIN;
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit:${chain}`]);
  const { rows } = await client.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM "AuditEvent" WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
  const seq = (rows[0]?.seq ?? 0) + 1;
  const prevHash = rows[0]?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const details = input.details ?? {};
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
    details,
  };
  const hash = auditHash(prevHash, fields);
  // occurredAt is timestamp(3) without time zone holding UTC, as Prisma writes it.
  await client.query(
    `INSERT INTO "AuditEvent" (chain, seq, "municipalityId", "occurredAt", "actorType", "actorId", action, "targetType", "targetId", details, "prevHash", hash)
     VALUES ($1, $2, $3::uuid, $4::timestamp(3), $5::"ActorType", $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [chain, seq, municipalityId, occurredAt.toISOString().replace("Z", ""), ctx.actor.type, fields.actorId, input.action, fields.targetType, fields.targetId, JSON.stringify(details), prevHash, hash],
  );
}
