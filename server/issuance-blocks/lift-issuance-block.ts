import "server-only";
import { ZLiftIssuanceBlock } from "@/lib/schemas/issuance-block";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

/** Lifts a 交付停止: municipal administrators only (a clerk sets one at the counter but cannot undo it). */
export async function liftIssuanceBlock({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  requirePermission(ctx, "issuance-blocks:lift");
  const municipalityId = requireMunicipality(ctx);
  const { blockId } = parseInput(ZLiftIssuanceBlock, input);
  await withTenant(ctx, async (tx) => {
    const block = await tx.issuanceBlock.findFirst({ where: { id: blockId, municipalityId }, select: { id: true, residentId: true } });
    if (!block) throw new AppError("not_found", "no such block");
    // Fair queueing with issuances, as imports do (docs/decisions/0005): issuances of the municipality hold the
    // eligibility gate shared until they commit; taking it exclusively waits for those in flight and queues new
    // ones behind this block, where a row lock alone could starve behind a stream of FOR SHARE readers.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`eligibility:${municipalityId}`}, 0))`;
    await tx.$queryRaw`SELECT 1 FROM "Resident" WHERE id = ${block.residentId}::uuid FOR UPDATE`;
    const lifted = await tx.issuanceBlock.updateMany({
      where: { id: block.id, liftedAt: null },
      data: { liftedAt: now, liftedById: ctx.actor.type === "staff" ? ctx.actor.id : null },
    });
    if (lifted.count === 0) throw new AppError("issuance_block_lifted", "the block was already lifted");
    await tx.resident.update({ where: { id: block.residentId }, data: { updatedAt: now } });
    await writeAuditEvent(tx, ctx, { action: "issuance_block.lift", targetType: "Resident", targetId: block.residentId, details: { blockId: block.id } });
  });
}
