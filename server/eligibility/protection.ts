import "server-only";
import type { Tx } from "../db";

// Who is protected like a 支援措置, and who has a counter block (交付停止), read inside the issuing
// transaction after the rows concerned are locked (docs/decisions/0011-support-measures-across-registers.md).

export type Protection = {
  /** Residents whose address must never be printed at a kiosk, whoever asks. */
  protectedIds: Set<string>;
  /** Residents with a counter block in force (any reason): their own requests are refused. */
  blockedIds: Set<string>;
};

/**
 * For residents on the register: a 支援措置 in force on `today` (JST date), a counter block in force (any
 * block refuses the person; one for a 支援措置の申出 also protects their address), or the 支援措置 flag of the
 * 戸籍 or 附票 feed on a register entry linked to the resident.
 */
export async function residentProtection(tx: Tx, residentIds: readonly string[], today: string): Promise<Protection> {
  const ids = [...new Set(residentIds)];
  if (ids.length === 0) return { protectedIds: new Set(), blockedIds: new Set() };
  const day = new Date(today);
  const [measures, blocks, flagged] = await Promise.all([
    tx.supportMeasure.findMany({
      where: { residentId: { in: ids }, startsOn: { lte: day }, OR: [{ endsOn: null }, { endsOn: { gte: day } }] },
      select: { residentId: true },
    }),
    tx.issuanceBlock.findMany({ where: { residentId: { in: ids }, liftedAt: null }, select: { residentId: true, reason: true } }),
    tx.kosekiMember.findMany({
      where: { residentId: { in: ids }, OR: [{ supportMeasure: true }, { fuhyoEntries: { some: { supportMeasure: true } } }] },
      select: { residentId: true },
    }),
  ]);
  const protectedIds = new Set<string>([
    ...measures.map((m) => m.residentId),
    ...blocks.filter((b) => b.reason === "support_measure_request").map((b) => b.residentId),
    ...flagged.map((m) => m.residentId!),
  ]);
  return { protectedIds, blockedIds: new Set(blocks.map((b) => b.residentId)) };
}

/**
 * Which members of a 戸籍 are protected: flagged by the 戸籍 or 附票 feed (covers members living anywhere),
 * or protected as residents hosted here — linked on the register (KosekiMember.residentId, the 本籍地's own
 * residents) or through an approved 利用登録 bound to a card of a resident of another hosted municipality.
 * With `lock`, the register's linked residents are locked FOR SHARE first, so a counter block or a resident
 * import on them either commits before this read or waits for the issuance.
 */
export async function memberProtection(tx: Tx, recordId: string, today: string, lock: boolean): Promise<Set<string>> {
  const members = await tx.kosekiMember.findMany({
    where: { kosekiRecordId: recordId },
    select: { id: true, supportMeasure: true, residentId: true, fuhyoEntries: { where: { supportMeasure: true }, select: { id: true }, take: 1 } },
  });
  const linked = members.filter((m) => m.residentId).map((m) => m.residentId!);
  if (lock && linked.length) {
    await tx.$queryRaw`SELECT 1 FROM "Resident" WHERE id = ANY(${[...new Set(linked)].sort()}::uuid[]) ORDER BY id FOR SHARE`;
  }
  const registrations = await tx.kosekiRegistration.findMany({
    where: { kosekiMemberId: { in: members.map((m) => m.id) }, status: "approved", cardIssuer: { not: null }, cardSerial: { not: null } },
    select: { kosekiMemberId: true, cardIssuer: true, cardSerial: true },
  });
  const cards = registrations.length
    ? await tx.cardCertificate.findMany({
        where: { OR: registrations.map((r) => ({ issuer: r.cardIssuer!, serial: r.cardSerial! })) },
        select: { issuer: true, serial: true, residentId: true },
      })
    : [];
  const residentOf = new Map<string, string[]>();
  const add = (memberId: string, residentId: string) => residentOf.set(memberId, [...(residentOf.get(memberId) ?? []), residentId]);
  for (const m of members) if (m.residentId) add(m.id, m.residentId);
  for (const r of registrations) {
    const card = cards.find((c) => c.issuer === r.cardIssuer && c.serial === r.cardSerial);
    if (card && r.kosekiMemberId) add(r.kosekiMemberId, card.residentId);
  }
  const { protectedIds } = await residentProtection(tx, [...residentOf.values()].flat(), today);
  return new Set(
    members
      .filter((m) => m.supportMeasure || m.fuhyoEntries.length > 0 || (residentOf.get(m.id) ?? []).some((id) => protectedIds.has(id)))
      .map((m) => m.id),
  );
}
