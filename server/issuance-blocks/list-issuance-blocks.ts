import "server-only";
import type { IssuanceBlockReasonId } from "@/lib/schemas/issuance-block";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { decryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";

export type IssuanceBlockDto = {
  id: string;
  residentNo: string;
  residentName: string;
  reason: IssuanceBlockReasonId;
  note: string | null;
  setAt: string;
  setBy: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
};

/** Blocks lifted within this many days are listed below the ones in force. */
const LIFTED_SHOWN_DAYS = 30;

/**
 * The municipality's 交付停止: those in force, then those lifted in the last 30 days. A block may stand for a
 * 支援措置の申出, so reading the list is audited as a read of 支援措置 data (who, how many, no names).
 */
export async function listIssuanceBlocks({ ctx, now = new Date() }: { ctx: RequestContext; now?: Date }): Promise<IssuanceBlockDto[]> {
  requirePermission(ctx, "issuance-blocks:read");
  const municipalityId = requireMunicipality(ctx);
  const since = new Date(now.getTime() - LIFTED_SHOWN_DAYS * 86_400_000);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.issuanceBlock.findMany({
      where: { municipalityId, OR: [{ liftedAt: null }, { liftedAt: { gte: since } }] },
      include: { resident: { select: { residentNo: true, familyName: true, givenName: true } } },
      orderBy: [{ setAt: "desc" }, { id: "desc" }],
    });
    const staffIds = [...new Set(rows.flatMap((r) => [r.setById, r.liftedById]).filter((x): x is string => x !== null))];
    const staff = staffIds.length ? await tx.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, loginId: true } }) : [];
    const loginOf = (id: string | null) => (id ? (staff.find((s) => s.id === id)?.loginId ?? null) : null);
    await writeAuditEvent(tx, ctx, { action: "issuance_block.list", targetType: "Municipality", targetId: municipalityId, details: { blocks: rows.length } });
    const active = rows.filter((r) => r.liftedAt === null);
    const lifted = rows.filter((r) => r.liftedAt !== null);
    return [...active, ...lifted].map((r) => ({
      id: r.id,
      residentNo: r.resident.residentNo,
      residentName: `${r.resident.familyName} ${r.resident.givenName}`,
      reason: r.reason,
      note: r.noteCipher ? decryptField(r.noteCipher, FieldContext.issuanceBlockNote) : null,
      setAt: r.setAt.toISOString(),
      setBy: loginOf(r.setById),
      liftedAt: r.liftedAt?.toISOString() ?? null,
      liftedBy: loginOf(r.liftedById),
    }));
  });
}
