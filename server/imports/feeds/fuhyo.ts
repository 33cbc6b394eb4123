import "server-only";
import { z } from "zod";
import { bool, code, date, int, text } from "../columns";
import { duplicateErrors, lineErrors, lockRows, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn } from "../types";

// 戸籍の附票: address history lines of a register's members. Key: 戸籍番号 + 順位 (the member) + 番号 (the
// line). The register must have been imported first. Issuance locks the register (KosekiRecord) FOR SHARE
// before reading its 附票, so the import locks and stamps the registers it changes.

export const FUHYO_COLUMNS: readonly ColumnDef[] = [
  { key: "recordNo", label: "戸籍番号", required: true },
  { key: "memberPosition", label: "順位", required: true },
  { key: "position", label: "番号", required: true },
  { key: "address", label: "住所", required: true },
  { key: "addressSetOn", label: "住所を定めた年月日", required: true },
  { key: "supportMeasure", label: "支援措置", required: false },
];

const ZFuhyoRow = z.object({
  recordNo: code(30),
  memberPosition: int(0, 999),
  position: int(0, 9999),
  address: text(200),
  addressSetOn: date(),
  supportMeasure: bool(),
});

const ZFuhyoKey = z.object({ recordNo: code(30), memberPosition: int(0, 999), position: int(0, 9999) });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "record_no", type: "text", value: (r) => r.recordNo },
  { name: "member_position", type: "int", value: (r) => r.memberPosition },
  { name: "position", type: "int", value: (r) => r.position },
  { name: "address", type: "text", value: (r) => r.address },
  { name: "address_set_on", type: "date", value: (r) => r.addressSetOn },
  { name: "support_measure", type: "bool", value: (r) => r.supportMeasure },
];

const MEMBER_JOIN = `JOIN "KosekiRecord" k ON k."municipalityId" = $1::uuid AND k."recordNo" = s.record_no
                     JOIN "KosekiMember" m ON m."kosekiRecordId" = k.id AND m.position = s.member_position`;

async function validate(ctx: FeedContext) {
  const duplicates = await duplicateErrors(ctx.client, "番号", ["record_no", "member_position", "position"], "戸籍番号・順位・番号の組");
  const members = await lineErrors(
    ctx.client,
    "順位",
    `SELECT s.line, '戸籍番号と順位に当たる戸籍の記録がありません（先に戸籍データを取り込んでください）。' AS message FROM ${STAGE} s
      WHERE s.op = 'upsert' AND NOT EXISTS (SELECT 1 FROM "KosekiRecord" k JOIN "KosekiMember" m ON m."kosekiRecordId" = k.id
                                             WHERE k."municipalityId" = $1::uuid AND k."recordNo" = s.record_no AND m.position = s.member_position)`,
    [ctx.municipalityId],
  );
  return [...duplicates, ...members];
}

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const mp = [ctx.municipalityId];
  await client.query(
    `CREATE TEMP TABLE f_plan ON COMMIT DROP AS
     SELECT s.line, k.id AS record_id, m.id AS member_id, f.id AS entry_id
       FROM ${STAGE} s ${MEMBER_JOIN}
       LEFT JOIN "FuhyoEntry" f ON f."memberId" = m.id AND f.position = s.position
      WHERE s.op = 'upsert' AND (f.id IS NULL OR ROW(f.address, f."addressSetOn", f."supportMeasure") IS DISTINCT FROM ROW(s.address, s.address_set_on, s.support_measure))`,
    mp,
  );
  const removedSql =
    ctx.mode === "full"
      ? FULL_LOAD_REMOVAL.removedSql
      : `SELECT f.id, f."kosekiRecordId" AS record_id FROM ${STAGE} s ${MEMBER_JOIN}
           JOIN "FuhyoEntry" f ON f."memberId" = m.id AND f.position = s.position WHERE s.op = 'remove'`;
  await client.query(`CREATE TEMP TABLE f_removed ON COMMIT DROP AS ${removedSql}`, mp);
  await withEligibilityGate(ctx, () =>
    lockRows(client, "KosekiRecord", `SELECT record_id FROM f_plan UNION SELECT record_id FROM f_removed`, [], true),
  );

  const updated = await client.query(
    `UPDATE "FuhyoEntry" f SET address = s.address, "addressSetOn" = s.address_set_on, "supportMeasure" = s.support_measure
       FROM f_plan p JOIN ${STAGE} s ON s.line = p.line WHERE f.id = p.entry_id`,
  );
  const inserted = await client.query(
    `INSERT INTO "FuhyoEntry" (id, "municipalityId", "kosekiRecordId", "memberId", position, address, "addressSetOn", "supportMeasure")
     SELECT ${ctx.uuid7}, $1::uuid, p.record_id, p.member_id, s.position, s.address, s.address_set_on, s.support_measure
       FROM f_plan p JOIN ${STAGE} s ON s.line = p.line WHERE p.entry_id IS NULL`,
    mp,
  );
  const removed = await client.query(`DELETE FROM "FuhyoEntry" WHERE id IN (SELECT id FROM f_removed)`);
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

/** A full load deletes the 附票 lines absent from the file. */
const FULL_LOAD_REMOVAL = {
  currentSql: `SELECT f.id FROM "FuhyoEntry" f WHERE f."municipalityId" = $1::uuid`,
  removedSql: `SELECT f.id, f."kosekiRecordId" AS record_id FROM "FuhyoEntry" f JOIN "KosekiMember" m ON m.id = f."memberId" JOIN "KosekiRecord" k ON k.id = f."kosekiRecordId"
          WHERE f."municipalityId" = $1::uuid
            AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.record_no = k."recordNo" AND s.member_position = m.position AND s.position = f.position)`,
};

export const fuhyoFeed: FeedDefinition = {
  feed: "fuhyo",
  columns: FUHYO_COLUMNS,
  keyColumns: ["recordNo", "memberPosition", "position"],
  upsertSchema: ZFuhyoRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZFuhyoKey,
  stageColumns: STAGE_COLUMNS,
  validate,
  apply,
  fullLoadRemoval: FULL_LOAD_REMOVAL,
};
