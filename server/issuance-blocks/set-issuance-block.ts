import "server-only";
import { ZIssuanceBlockForm, type IssuanceBlockForm } from "@/lib/schemas/issuance-block";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

/**
 * 交付停止 at the counter: stops kiosk issuance for one resident of the staff member's municipality from the
 * next request (docs/decisions/0011). The resident row is locked FOR UPDATE and stamped, so an issuance that
 * has read the person's eligibility (FOR SHARE on the same row) commits before this block does, and every
 * issuance after it reads the block under its own lock and is refused. One block in force per resident.
 */
export async function setIssuanceBlock({ ctx, input, now = new Date() }: { ctx: RequestContext; input: IssuanceBlockForm; now?: Date }): Promise<{ id: string }> {
  requirePermission(ctx, "issuance-blocks:set");
  const municipalityId = requireMunicipality(ctx);
  const v = parseInput(ZIssuanceBlockForm, input);
  return withTenant(ctx, async (tx) => {
    const resident = await tx.resident.findUnique({ where: { municipalityId_residentNo: { municipalityId, residentNo: v.residentNo } }, select: { id: true } });
    if (!resident) throw new AppError("block_resident_not_found", "no resident with this number in the municipality");
    // Fair queueing with issuances, as imports do (docs/decisions/0005): issuances of the municipality hold the
    // eligibility gate shared until they commit; taking it exclusively waits for those in flight and queues new
    // ones behind this block, where a row lock alone could starve behind a stream of FOR SHARE readers.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`eligibility:${municipalityId}`}, 0))`;
    await tx.$queryRaw`SELECT 1 FROM "Resident" WHERE id = ${resident.id}::uuid FOR UPDATE`;
    const running = await tx.issuanceBlock.findFirst({ where: { residentId: resident.id, liftedAt: null }, select: { id: true } });
    if (running) throw new AppError("issuance_block_exists", "a block is already in force for this resident");
    const note = v.note ? encryptField(v.note, FieldContext.issuanceBlockNote) : null;
    const block = await tx.issuanceBlock.create({
      data: {
        municipalityId,
        residentId: resident.id,
        reason: v.reason,
        noteCipher: note?.cipher ?? null,
        noteKeyId: note?.keyId ?? null,
        setAt: now,
        setById: ctx.actor.type === "staff" ? ctx.actor.id : null,
      },
      select: { id: true },
    });
    // Stamp the resident as every writer that changes eligibility does (docs/import-formats.md).
    await tx.resident.update({ where: { id: resident.id }, data: { updatedAt: now } });
    await writeAuditEvent(tx, ctx, { action: "issuance_block.set", targetType: "Resident", targetId: resident.id, details: { blockId: block.id, reason: v.reason, withNote: Boolean(note) } });
    return { id: block.id };
  });
}
