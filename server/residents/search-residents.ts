import "server-only";
import { ZResidentSearch, type ResidentStatusName } from "@/lib/schemas/resident-inquiry";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { Prisma } from "../generated/prisma/client";
import { parseInput } from "../parse-input";

/** At most this many residents are listed; more means the criteria should be narrowed. */
export const RESIDENT_SEARCH_LIMIT = 50;

export type ResidentSearchRow = {
  id: string;
  residentNo: string;
  name: string;
  kana: string;
  dateOfBirth: string;
  status: ResidentStatusName;
};

export type ResidentSearchResult = { items: ResidentSearchRow[]; truncated: boolean };

/**
 * 住民照会 search over the staff member's own municipality: カナ (partial, over family and given name as one
 * string, width and hiragana folded), date of birth (exact) and card certificate serial (exact), all given
 * criteria together. Audited as resident.search with which criteria were used and the count, never the values.
 */
export async function searchResidents({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<ResidentSearchResult> {
  requirePermission(ctx, "residents:read");
  const municipalityId = requireMunicipality(ctx);
  const q = parseInput(ZResidentSearch, input);
  const conditions = [Prisma.sql`r."municipalityId" = ${municipalityId}::uuid`];
  // The kana is katakana only after parsing (no LIKE wildcard can reach the pattern).
  if (q.kana) conditions.push(Prisma.sql`replace(replace(r."familyNameKana" || r."givenNameKana", '　', ''), ' ', '') LIKE ${`%${q.kana}%`}`);
  if (q.birthDate) conditions.push(Prisma.sql`r."dateOfBirth" = ${q.birthDate}::date`);
  if (q.cardSerial) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "CardCertificate" c WHERE c."residentId" = r.id AND upper(c."serial") = ${q.cardSerial})`);

  return withTenant(ctx, async (tx) => {
    const hits = await tx.$queryRaw<{ id: string }[]>`
      SELECT r.id::text AS id FROM "Resident" r
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY r."familyNameKana", r."givenNameKana", r."residentNo"
      LIMIT ${RESIDENT_SEARCH_LIMIT + 1}`;
    const ids = hits.slice(0, RESIDENT_SEARCH_LIMIT).map((h) => h.id);
    const rows = ids.length
      ? await tx.resident.findMany({
          where: { id: { in: ids } },
          select: { id: true, residentNo: true, familyName: true, givenName: true, familyNameKana: true, givenNameKana: true, dateOfBirth: true, status: true },
        })
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    await writeAuditEvent(tx, ctx, {
      action: "resident.search",
      targetType: "Municipality",
      targetId: municipalityId,
      details: { criteria: (["kana", "birthDate", "cardSerial"] as const).filter((k) => q[k] !== undefined), results: ids.length, truncated: hits.length > RESIDENT_SEARCH_LIMIT },
    });
    return {
      items: ids.flatMap((id) => {
        const r = byId.get(id);
        return r
          ? [{ id: r.id, residentNo: r.residentNo, name: `${r.familyName} ${r.givenName}`, kana: `${r.familyNameKana} ${r.givenNameKana}`, dateOfBirth: r.dateOfBirth.toISOString().slice(0, 10), status: r.status }]
          : [];
      }),
      truncated: hits.length > RESIDENT_SEARCH_LIMIT,
    };
  });
}
