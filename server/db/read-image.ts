import "server-only";
import type { Tx } from "../db";

// Images (the 公印, a 印影) read for a certificate as base64 text, not as bytea: the Prisma pg adapter turns a
// bytea into a JavaScript array of numbers byte by byte; a 10 KB image cost ≈ 2.4 ms of main-thread CPU through
// the model API against ≈ 0.5 ms this way (docs/benchmarks.md, "HTTP"). The same bytes: PostgreSQL encodes,
// Buffer decodes.

/** Who signs a certificate of a given day: the mayor (職名・氏名) and the 公印 image (null when none is in force). */
export type Signatory = { mayorTitle: string; mayorName: string; sealImage: Uint8Array<ArrayBuffer> | null };

/**
 * The mayor and the 公印 in force on the JST day `day` (YYYY-MM-DD): each the history entry with the latest
 * effectiveFrom <= day (docs/decisions/0015). A municipality with no entry on or before that day falls back to
 * its Municipality columns (the expand step keeps them: rows written without history, by older code during a
 * rolling deploy or by test factories). One row, one round trip, the image as base64 as above.
 */
export async function readSignatory(tx: Tx, municipalityId: string, day: string): Promise<Signatory | null> {
  const rows = await tx.$queryRaw<Array<{ mayorTitle: string; mayorName: string; image: string | null }>>`
    SELECT COALESCE(t."mayorTitle", m."mayorTitle") AS "mayorTitle", COALESCE(t."mayorName", m."mayorName") AS "mayorName",
           CASE WHEN s.found THEN encode(s.image, 'base64') ELSE encode(m."sealImage", 'base64') END AS image
    FROM "Municipality" m
    LEFT JOIN LATERAL (SELECT "mayorTitle", "mayorName" FROM "MayorTerm"
                       WHERE "municipalityId" = m.id AND "effectiveFrom" <= ${day}::date ORDER BY "effectiveFrom" DESC LIMIT 1) t ON true
    LEFT JOIN LATERAL (SELECT true AS found, image FROM "OfficialSeal"
                       WHERE "municipalityId" = m.id AND "effectiveFrom" <= ${day}::date ORDER BY "effectiveFrom" DESC LIMIT 1) s ON true
    WHERE m.id = ${municipalityId}::uuid`;
  const row = rows[0];
  return row ? { mayorTitle: row.mayorTitle, mayorName: row.mayorName, sealImage: decode(row.image) } : null;
}

/**
 * Whether a 公印 is in force on `day` (eligibility's "has a 公印", the 稼働中 check), without reading the image:
 * a history entry on or before the day, or else the Municipality column (the fallback of readSignatory).
 */
export async function hasOfficialSealOn(tx: Tx, municipalityId: string, day: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ has: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "OfficialSeal" WHERE "municipalityId" = ${municipalityId}::uuid AND "effectiveFrom" <= ${day}::date)
        OR EXISTS (SELECT 1 FROM "Municipality" WHERE id = ${municipalityId}::uuid AND octet_length("sealImage") > 0) AS has`;
  return rows[0]?.has ?? false;
}

/** One 公印 history entry's image (the history page's thumbnails), or null when it is not visible to the tenant. */
export async function readOfficialSealEntryImage(tx: Tx, sealId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const rows = await tx.$queryRaw<Array<{ image: string }>>`SELECT encode(image, 'base64') AS image FROM "OfficialSeal" WHERE id = ${sealId}::uuid`;
  return decode(rows[0]?.image);
}

/** A seal registration's 印影 image, or null when it has none. */
export async function readSealRegistrationImage(tx: Tx, registrationId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const rows = await tx.$queryRaw<Array<{ image: string | null }>>`SELECT encode("sealImage", 'base64') AS image FROM "SealRegistration" WHERE id = ${registrationId}::uuid`;
  return decode(rows[0]?.image);
}

function decode(base64: string | null | undefined): Uint8Array<ArrayBuffer> | null {
  if (base64 === null || base64 === undefined) return null;
  // A copy of its own (not a view of Node's shared Buffer pool), as Prisma hands out bytes.
  return new Uint8Array(Buffer.from(base64, "base64"));
}
