import "server-only";
import crypto from "node:crypto";
import { jstDateString } from "@/lib/jst";
import { HISTORY_START_DAY } from "@/lib/schemas/mayor-and-seal";
import { SEAL_MAX_BYTES, SEAL_MAX_PIXELS, SEAL_MIN_PIXELS } from "@/lib/schemas/municipality";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { readPngSize, type PngSize } from "../municipalities/read-png-size";

// What the two history verbs (record-mayor-term.ts, record-official-seal.ts) and the operator's 公印 upload
// share (docs/decisions/0015): the date rule, the per-municipality lock, the first entry taken from the
// Municipality columns, and the columns kept equal to the entry in force when one takes effect the day it is
// recorded.

/** A history day (YYYY-MM-DD) as Prisma writes a `@db.Date`. */
export const historyDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** A new entry takes effect today or later (JST): certificates already issued printed what was in force. */
export function requireNotPast(effectiveFrom: string, now: Date): { today: string; inForceNow: boolean } {
  const today = jstDateString(now);
  if (effectiveFrom < today) throw new AppError("mayor_seal_in_past", "a new mayor or seal takes effect today or later");
  return { today, inForceNow: effectiveFrom === today };
}

/**
 * Serializes the history writes of one municipality (the row lock of the Municipality), then makes sure the
 * history starts: a municipality written without history (before the migration's backfill ran, or by older
 * code) gets its columns as the first entries from HISTORY_START_DAY, so a certificate of an earlier day keeps
 * printing what it printed before.
 */
export async function lockAndStartHistory(tx: Tx, municipalityId: string): Promise<void> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Municipality" WHERE id = ${municipalityId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new AppError("not_found", "no such municipality");
  await tx.$executeRaw`
    INSERT INTO "MayorTerm" (id, "municipalityId", "effectiveFrom", "mayorTitle", "mayorName")
    SELECT gen_random_uuid(), m.id, ${HISTORY_START_DAY}::date, m."mayorTitle", m."mayorName" FROM "Municipality" m
    WHERE m.id = ${municipalityId}::uuid AND NOT EXISTS (SELECT 1 FROM "MayorTerm" t WHERE t."municipalityId" = m.id)`;
  await tx.$executeRaw`
    INSERT INTO "OfficialSeal" (id, "municipalityId", "effectiveFrom", image, mime, sha256, bytes)
    SELECT gen_random_uuid(), m.id, ${HISTORY_START_DAY}::date, m."sealImage", COALESCE(m."sealImageMime", 'image/png'),
           encode(sha256(m."sealImage"), 'hex'), octet_length(m."sealImage")
    FROM "Municipality" m
    WHERE m.id = ${municipalityId}::uuid AND octet_length(m."sealImage") > 0
      AND NOT EXISTS (SELECT 1 FROM "OfficialSeal" s WHERE s."municipalityId" = m.id)`;
}

/** The checks of a 公印 upload: a real PNG of at most 1 MB with sensible dimensions (the claimed type is not trusted). */
export function checkSealImage(image: Uint8Array): PngSize & { sha256: string } {
  if (image.byteLength === 0) throw new AppError("seal_missing", "no image was sent");
  if (image.byteLength > SEAL_MAX_BYTES) throw new AppError("seal_too_large", "the seal image exceeds 1 MB");
  const size = readPngSize(image);
  if (!size) throw new AppError("seal_not_png", "the seal image is not a PNG");
  const { width, height } = size;
  if (Math.min(width, height) < SEAL_MIN_PIXELS || Math.max(width, height) > SEAL_MAX_PIXELS) {
    throw new AppError("seal_bad_dimensions", "the seal image dimensions are out of range", { details: { width, height } });
  }
  return { width, height, sha256: crypto.createHash("sha256").update(image).digest("hex") };
}

/**
 * Inserts a 公印 entry (after lockAndStartHistory) and, when it is in force the day it is recorded, copies it to
 * the Municipality columns. The day must be free: entries are never replaced.
 */
export async function insertOfficialSeal(
  tx: Tx,
  args: { municipalityId: string; effectiveFrom: string; inForceNow: boolean; image: Uint8Array; checked: PngSize & { sha256: string }; recordedById: string | null },
): Promise<{ id: string }> {
  const { municipalityId, effectiveFrom, image, checked } = args;
  const taken = await tx.officialSeal.findUnique({ where: { municipalityId_effectiveFrom: { municipalityId, effectiveFrom: historyDay(effectiveFrom) } }, select: { id: true } });
  if (taken) throw new AppError("mayor_seal_date_taken", "a seal is recorded for this day already");
  const row = await tx.officialSeal.create({
    data: {
      municipalityId,
      effectiveFrom: historyDay(effectiveFrom),
      image: new Uint8Array(image),
      mime: "image/png",
      sha256: checked.sha256,
      bytes: image.byteLength,
      width: checked.width,
      height: checked.height,
      recordedById: args.recordedById,
    },
    select: { id: true },
  });
  if (args.inForceNow) await tx.municipality.update({ where: { id: municipalityId }, data: { sealImage: new Uint8Array(image), sealImageMime: "image/png" }, select: { id: true } });
  return row;
}
