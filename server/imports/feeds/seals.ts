import "server-only";
import { z } from "zod";
import { base64Image, code, date, oneOfOr, optDate } from "../columns";
import { duplicateErrors, lineErrors, lockAndTouchResidents, lockRows, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn } from "../types";

// 印鑑登録: one row per registration with its 印影 (base64 PNG or JPEG). Key: 登録番号. An abolished
// registration (状態 廃止) or one removed from the file refuses the next 印鑑登録証明書 request: the owner's
// Resident row is locked and stamped before the registration changes (the 2023 incidents: a lagging or
// half-applied feed printed certificates for abolished registrations).

export const SEAL_COLUMNS: readonly ColumnDef[] = [
  { key: "registrationNo", label: "登録番号", required: true },
  { key: "residentNo", label: "住民番号", required: true },
  { key: "status", label: "状態", required: false },
  { key: "registeredOn", label: "登録日", required: true },
  { key: "abolishedOn", label: "廃止日", required: false },
  { key: "sealImage", label: "印影", required: true },
];

const STATUS = { active: "active", abolished: "abolished", 登録: "active", 有効: "active", 廃止: "abolished" } as const;

/** Seal images are small scans; the limit keeps a staging batch (500 rows) within a few hundred KB each. */
export const MAX_SEAL_IMAGE_BYTES = 512 * 1024;

const ZSealRow = z
  .object({
    registrationNo: code(20),
    residentNo: code(20),
    status: oneOfOr(STATUS, "登録・廃止（active・abolished）", "active"),
    registeredOn: date(),
    abolishedOn: optDate(),
    sealImage: base64Image(MAX_SEAL_IMAGE_BYTES),
  })
  .superRefine((r, ctx) => {
    if (r.status === "abolished" && !r.abolishedOn) ctx.addIssue({ code: "custom", path: ["abolishedOn"], message: "状態が廃止のときは廃止日を入力してください。" });
    if (r.status === "active" && r.abolishedOn) ctx.addIssue({ code: "custom", path: ["abolishedOn"], message: "廃止日があるときは状態を廃止にしてください。" });
  });

const ZSealKey = z.object({ registrationNo: code(20) });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "registration_no", type: "text", value: (r) => r.registrationNo },
  { name: "resident_no", type: "text", value: (r) => r.residentNo },
  { name: "status", type: "text", value: (r) => r.status },
  { name: "registered_on", type: "date", value: (r) => r.registeredOn },
  { name: "abolished_on", type: "date", value: (r) => r.abolishedOn },
  { name: "seal_image", type: "bytea", value: (r) => (r.sealImage as { bytes: Buffer } | undefined)?.bytes },
  { name: "seal_image_mime", type: "text", value: (r) => (r.sealImage as { mime: string } | undefined)?.mime },
];

async function validate(ctx: FeedContext) {
  const duplicates = await duplicateErrors(ctx.client, "登録番号", ["registration_no"], "登録番号");
  const residents = await lineErrors(
    ctx.client,
    "住民番号",
    `SELECT s.line, '住民番号に当たる住民が登録されていません（先に住民データを取り込んでください）。' AS message FROM ${STAGE} s
      WHERE s.op = 'upsert' AND NOT EXISTS (SELECT 1 FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no)`,
    [ctx.municipalityId],
  );
  return [...duplicates, ...residents];
}

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  await client.query(
    `CREATE TEMP TABLE seal_plan ON COMMIT DROP AS
     SELECT s.line, sr.id AS seal_id, sr."residentId" AS old_resident_id, r.id AS resident_id
       FROM ${STAGE} s
       JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
       LEFT JOIN "SealRegistration" sr ON sr."municipalityId" = $1::uuid AND sr."registrationNo" = s.registration_no
      WHERE s.op = 'upsert'
        AND (sr.id IS NULL
             OR ROW(sr."residentId", sr.status, sr."registeredOn", sr."abolishedOn", sr."sealImageMime", sr."sealImage")
                IS DISTINCT FROM ROW(r.id, s.status::"SealRegistrationStatus", s.registered_on, s.abolished_on, s.seal_image_mime, s.seal_image))`,
    m,
  );
  const removedSql =
    ctx.mode === "full"
      ? FULL_LOAD_REMOVAL.removedSql
      : `SELECT sr.id, sr."residentId" AS resident_id FROM ${STAGE} s
           JOIN "SealRegistration" sr ON sr."municipalityId" = $1::uuid AND sr."registrationNo" = s.registration_no WHERE s.op = 'remove'`;
  await client.query(`CREATE TEMP TABLE seal_removed ON COMMIT DROP AS ${removedSql}`, m);

  // Owners first (as issuance locks them), then the registrations.
  await withEligibilityGate(ctx, async () => {
    await lockAndTouchResidents(
      client,
      `SELECT resident_id FROM seal_plan UNION SELECT old_resident_id FROM seal_plan WHERE old_resident_id IS NOT NULL UNION SELECT resident_id FROM seal_removed`,
      [],
    );
    await lockRows(client, "SealRegistration", `SELECT seal_id FROM seal_plan WHERE seal_id IS NOT NULL UNION SELECT id FROM seal_removed`, []);
  });

  const updated = await client.query(
    `UPDATE "SealRegistration" sr
        SET "residentId" = p.resident_id, status = s.status::"SealRegistrationStatus", "registeredOn" = s.registered_on, "abolishedOn" = s.abolished_on,
            "sealImage" = s.seal_image, "sealImageMime" = s.seal_image_mime, "updatedAt" = now()
       FROM seal_plan p JOIN ${STAGE} s ON s.line = p.line
      WHERE sr.id = p.seal_id`,
  );
  const inserted = await client.query(
    `INSERT INTO "SealRegistration" (id, "municipalityId", "residentId", "registrationNo", status, "registeredOn", "abolishedOn", "sealImage", "sealImageMime", "updatedAt")
     SELECT ${ctx.uuid7}, $1::uuid, p.resident_id, s.registration_no, s.status::"SealRegistrationStatus", s.registered_on, s.abolished_on, s.seal_image, s.seal_image_mime, now()
       FROM seal_plan p JOIN ${STAGE} s ON s.line = p.line
      WHERE p.seal_id IS NULL`,
    m,
  );
  const removed = await client.query(`DELETE FROM "SealRegistration" WHERE id IN (SELECT id FROM seal_removed)`);
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

/** A full load deletes the registrations absent from the file. */
const FULL_LOAD_REMOVAL = {
  currentSql: `SELECT sr.id FROM "SealRegistration" sr WHERE sr."municipalityId" = $1::uuid`,
  removedSql: `SELECT sr.id, sr."residentId" AS resident_id FROM "SealRegistration" sr
          WHERE sr."municipalityId" = $1::uuid AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.registration_no = sr."registrationNo")`,
};

export const sealsFeed: FeedDefinition = {
  feed: "seals",
  columns: SEAL_COLUMNS,
  keyColumns: ["registrationNo"],
  upsertSchema: ZSealRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZSealKey,
  stageColumns: STAGE_COLUMNS,
  batchSize: 500,
  validate,
  apply,
  fullLoadRemoval: FULL_LOAD_REMOVAL,
};
