import "server-only";
import { z } from "zod";
import { decryptField, encryptField, FieldContext } from "../../crypto/field-encryption";
import { bool, code, date, oneOfOr, optDate, optMyNumber, optText, SEX, text } from "../columns";
import { duplicateErrors, lineErrors, lockAndTouchResidents, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn, StagedRow } from "../types";

// 住民・世帯: one row per resident, carrying the household number and address. Key: 住民番号.
// A resident removed by the back office (delta remove, or absent from a full load) is not deleted — issuances
// and card certificates refer to the row — but marked 転出 (removed from the register), so it gets nothing.

export const RESIDENT_COLUMNS: readonly ColumnDef[] = [
  { key: "residentNo", label: "住民番号", required: true },
  { key: "householdNo", label: "世帯番号", required: true },
  { key: "householdAddress", label: "住所", required: true },
  { key: "familyName", label: "氏", required: true },
  { key: "givenName", label: "名", required: true },
  { key: "familyNameKana", label: "氏カナ", required: true },
  { key: "givenNameKana", label: "名カナ", required: true },
  { key: "alias", label: "通称", required: false },
  { key: "dateOfBirth", label: "生年月日", required: true },
  { key: "sex", label: "性別", required: true },
  { key: "isHouseholdHead", label: "世帯主", required: false },
  { key: "relationship", label: "続柄", required: true },
  { key: "nationality", label: "国籍・地域", required: false },
  { key: "residenceCardNo", label: "在留カード番号", required: false },
  { key: "residenceStatus", label: "在留資格", required: false },
  { key: "residencePeriodEnd", label: "在留期間満了日", required: false },
  { key: "honseki", label: "本籍", required: false },
  { key: "kosekiHeadName", label: "筆頭者", required: false },
  { key: "becameResidentOn", label: "住民となった日", required: true },
  { key: "addressSetOn", label: "住所を定めた日", required: true },
  { key: "addressSetReason", label: "住所を定めた事由", required: false },
  { key: "notifiedOn", label: "届出日", required: false },
  { key: "previousAddress", label: "前住所", required: false },
  { key: "myNumber", label: "個人番号", required: false },
  { key: "status", label: "状態", required: false },
  { key: "movedOutOn", label: "転出日", required: false },
  { key: "moveOutPlannedOn", label: "転出予定日", required: false },
  { key: "deceasedOn", label: "死亡日", required: false },
  { key: "gaijiPending", label: "外字作成中", required: false },
  { key: "adultWard", label: "成年被後見人", required: false },
];

const kana = (max: number) =>
  text(max).refine((s) => /^[\u30A0-\u30FF\u3000 ]+$/.test(s), "カタカナで入力してください。");

const STATUS = { active: "active", moved_out: "moved_out", deceased: "deceased", 現存: "active", 在住: "active", 転出: "moved_out", 消除: "moved_out", 死亡: "deceased" } as const;

const ZResidentRow = z
  .object({
    residentNo: code(20),
    householdNo: code(20),
    householdAddress: text(200),
    familyName: text(50),
    givenName: text(50),
    familyNameKana: kana(100),
    givenNameKana: kana(100),
    alias: optText(100),
    dateOfBirth: date(),
    sex: SEX,
    isHouseholdHead: bool(),
    relationship: text(20),
    nationality: optText(50),
    residenceCardNo: optText(12).refine((s) => s === null || /^[A-Z]{2}\d{8}[A-Z]{2}$/.test(s), "在留カード番号は英字2桁・数字8桁・英字2桁で入力してください。"),
    residenceStatus: optText(50),
    residencePeriodEnd: optDate(),
    honseki: optText(200),
    kosekiHeadName: optText(100),
    becameResidentOn: date(),
    addressSetOn: date(),
    addressSetReason: optText(20),
    notifiedOn: optDate(),
    previousAddress: optText(200),
    myNumber: optMyNumber(),
    status: oneOfOr(STATUS, "現存・転出・死亡（active・moved_out・deceased）", "active"),
    movedOutOn: optDate(),
    moveOutPlannedOn: optDate(),
    deceasedOn: optDate(),
    gaijiPending: bool(),
    adultWard: bool(),
  })
  .superRefine((r, ctx) => {
    if (r.status === "deceased" && !r.deceasedOn) ctx.addIssue({ code: "custom", path: ["deceasedOn"], message: "状態が死亡のときは死亡日を入力してください。" });
    if (r.status === "moved_out" && !r.movedOutOn) ctx.addIssue({ code: "custom", path: ["movedOutOn"], message: "状態が転出のときは転出日を入力してください。" });
  });

const ZResidentKey = z.object({ residentNo: code(20) });

const col = (name: string, type: StageColumn["type"], key: string): StageColumn => ({ name, type, value: (r) => r[key] });

const STAGE_COLUMNS: readonly StageColumn[] = [
  col("resident_no", "text", "residentNo"),
  col("household_no", "text", "householdNo"),
  col("household_address", "text", "householdAddress"),
  col("family_name", "text", "familyName"),
  col("given_name", "text", "givenName"),
  col("family_name_kana", "text", "familyNameKana"),
  col("given_name_kana", "text", "givenNameKana"),
  col("alias", "text", "alias"),
  col("date_of_birth", "date", "dateOfBirth"),
  col("sex", "text", "sex"),
  col("is_household_head", "bool", "isHouseholdHead"),
  col("relationship", "text", "relationship"),
  col("nationality", "text", "nationality"),
  col("residence_card_no", "text", "residenceCardNo"),
  col("residence_status", "text", "residenceStatus"),
  col("residence_period_end", "date", "residencePeriodEnd"),
  col("honseki", "text", "honseki"),
  col("koseki_head_name", "text", "kosekiHeadName"),
  col("became_resident_on", "date", "becameResidentOn"),
  col("address_set_on", "date", "addressSetOn"),
  col("address_set_reason", "text", "addressSetReason"),
  col("notified_on", "date", "notifiedOn"),
  col("previous_address", "text", "previousAddress"),
  col("my_number_cipher", "text", "myNumberCipher"),
  col("my_number_key_id", "text", "myNumberKeyId"),
  col("status", "text", "status"),
  col("moved_out_on", "date", "movedOutOn"),
  col("move_out_planned_on", "date", "moveOutPlannedOn"),
  col("deceased_on", "date", "deceasedOn"),
  col("gaiji_pending", "bool", "gaijiPending"),
  col("adult_ward", "bool", "adultWard"),
];

/** Resident column ← staged expression (householdId is resolved through the household number). */
const RESIDENT_VALUES: ReadonlyArray<readonly [string, string]> = [
  ["familyName", "s.family_name"],
  ["givenName", "s.given_name"],
  ["familyNameKana", "s.family_name_kana"],
  ["givenNameKana", "s.given_name_kana"],
  ["alias", "s.alias"],
  ["dateOfBirth", "s.date_of_birth"],
  ["sex", `s.sex::"Sex"`],
  ["isHouseholdHead", "s.is_household_head"],
  ["relationship", "s.relationship"],
  ["nationality", "s.nationality"],
  ["residenceCardNo", "s.residence_card_no"],
  ["residenceStatus", "s.residence_status"],
  ["residencePeriodEnd", "s.residence_period_end"],
  ["honseki", "s.honseki"],
  ["kosekiHeadName", "s.koseki_head_name"],
  ["becameResidentOn", "s.became_resident_on"],
  ["addressSetOn", "s.address_set_on"],
  ["addressSetReason", "s.address_set_reason"],
  ["notifiedOn", "s.notified_on"],
  ["previousAddress", "s.previous_address"],
  ["myNumberCipher", "s.my_number_cipher"],
  ["myNumberKeyId", "s.my_number_key_id"],
  ["status", `s.status::"ResidentStatus"`],
  ["movedOutOn", "s.moved_out_on"],
  ["moveOutPlannedOn", "s.move_out_planned_on"],
  ["deceasedOn", "s.deceased_on"],
  ["gaijiPending", "s.gaiji_pending"],
  ["adultWard", "s.adult_ward"],
];

const currentRow = `ROW(h."householdNo", h.address, ${RESIDENT_VALUES.map(([c]) => `r."${c}"`).join(", ")})`;
const stagedRow = `ROW(s.household_no, s.household_address, ${RESIDENT_VALUES.map(([, e]) => e).join(", ")})`;

/**
 * 個人番号 is encrypted here, in the stream, never staged in clear. An envelope has a random IV, so to keep a
 * re-import from rewriting every row the stored envelope is reused when it decrypts to the same number.
 */
async function prepareBatch(rows: StagedRow[], ctx: FeedContext): Promise<void> {
  if (ctx.state.hasResidents === undefined) {
    const { rows: r } = await ctx.client.query(`SELECT EXISTS (SELECT 1 FROM "Resident" WHERE "municipalityId" = $1::uuid) AS any`, [ctx.municipalityId]);
    ctx.state.hasResidents = r[0].any as boolean;
  }
  const existing = new Map<string, string>();
  const numbered = rows.filter((r) => r.op === "upsert" && r.myNumber);
  if (ctx.state.hasResidents && numbered.length) {
    const { rows: found } = await ctx.client.query<{ no: string; cipher: string }>(
      `SELECT "residentNo" AS no, "myNumberCipher" AS cipher FROM "Resident" WHERE "municipalityId" = $1::uuid AND "residentNo" = ANY($2::text[]) AND "myNumberCipher" IS NOT NULL`,
      [ctx.municipalityId, numbered.map((r) => r.residentNo)],
    );
    for (const f of found) existing.set(f.no, f.cipher);
  }
  for (const r of rows) {
    const plain = r.myNumber as string | null | undefined;
    delete r.myNumber;
    r.myNumberCipher = null;
    r.myNumberKeyId = null;
    if (!plain) continue;
    const stored = existing.get(r.residentNo as string);
    if (stored && sameNumber(stored, plain, ctx)) {
      r.myNumberCipher = stored;
      r.myNumberKeyId = stored.split(".")[1] ?? null;
      continue;
    }
    const enc = encryptField(plain, FieldContext.myNumber, ctx.keyring);
    r.myNumberCipher = enc.cipher;
    r.myNumberKeyId = enc.keyId;
  }
}

function sameNumber(envelope: string, plain: string, ctx: FeedContext): boolean {
  try {
    return decryptField(envelope, FieldContext.myNumber, ctx.keyring) === plain;
  } catch {
    return false; // unreadable (retired key): write a fresh envelope
  }
}

async function validate(ctx: FeedContext) {
  const { client } = ctx;
  const duplicates = await duplicateErrors(client, "住民番号", ["resident_no"], "住民番号");
  // One household, one address and at most one 世帯主 within the file.
  const households = await lineErrors(
    client,
    "住所",
    `WITH bad AS (
       SELECT household_no, (array_agg(household_address ORDER BY line))[1] AS first_address, count(*) FILTER (WHERE is_household_head) AS heads
         FROM ${STAGE} WHERE op = 'upsert' GROUP BY household_no
        HAVING min(household_address) <> max(household_address) OR count(*) FILTER (WHERE is_household_head) > 1)
     SELECT s.line, CASE WHEN s.household_address <> b.first_address THEN '同じ世帯番号の行で住所が異なります。'
                         ELSE '同じ世帯番号の行に世帯主が2人以上います。' END AS message
       FROM ${STAGE} s JOIN bad b USING (household_no)
      WHERE s.op = 'upsert' AND (s.household_address <> b.first_address OR (b.heads > 1 AND s.is_household_head))`,
  );
  return [...duplicates, ...households];
}

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  const temp = async (name: string, sql: string, params: unknown[] = []) => (await client.query(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${sql}`, params)).rowCount ?? 0;

  // 1. Everything that will change is decided BEFORE any row is locked, so the locks are held only for the
  //    writes: residents whose data (including their household's number and address) differ, with their
  //    staged values; households that are new or re-addressed; residents that are new or removed.
  const changed = await temp(
    "res_changed",
    `SELECT r.id AS resident_id, s.* FROM ${STAGE} s
       JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
       JOIN "Household" h ON h.id = r."householdId"
      WHERE s.op = 'upsert' AND ${currentRow} IS DISTINCT FROM ${stagedRow}`,
    m,
  );
  await temp("hh_file", `SELECT DISTINCT ON (household_no) household_no, household_address FROM ${STAGE} WHERE op = 'upsert' ORDER BY household_no, line`);
  const readdressed = await temp(
    "hh_changed",
    `SELECT h.id, f.household_address AS address FROM hh_file f
       JOIN "Household" h ON h."municipalityId" = $1::uuid AND h."householdNo" = f.household_no
      WHERE h.address <> f.household_address`,
    m,
  );
  const newHouseholds = await temp(
    "hh_new",
    `SELECT f.* FROM hh_file f WHERE NOT EXISTS (SELECT 1 FROM "Household" h WHERE h."municipalityId" = $1::uuid AND h."householdNo" = f.household_no)`,
    m,
  );
  const newResidents = await temp(
    "res_new",
    `SELECT s.line FROM ${STAGE} s
      WHERE s.op = 'upsert' AND NOT EXISTS (SELECT 1 FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no)`,
    m,
  );
  const removedSql =
    ctx.mode === "full"
      ? FULL_LOAD_REMOVAL.removedSql
      : `SELECT r.id FROM ${STAGE} s JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
          WHERE s.op = 'remove' AND r.status = 'active'`;
  const removedCount = await temp("res_removed", removedSql, m);

  // 2. Lock every Resident row that will change (and the members of re-addressed households), in id order.
  if (changed || removedCount || readdressed) {
    await withEligibilityGate(ctx, () =>
      lockAndTouchResidents(
        client,
        `SELECT resident_id FROM res_changed UNION SELECT id FROM res_removed UNION SELECT r.id FROM "Resident" r JOIN hh_changed c ON r."householdId" = c.id`,
        [],
      ),
    );
  }

  // 3. Households: new ones, then changed addresses.
  if (newHouseholds) {
    await client.query(
      `INSERT INTO "Household" (id, "municipalityId", "householdNo", address, "updatedAt")
       SELECT ${ctx.uuid7}, $1::uuid, household_no, household_address, now() FROM hh_new`,
      m,
    );
  }
  if (readdressed) await client.query(`UPDATE "Household" h SET address = c.address, "updatedAt" = now() FROM hh_changed c WHERE h.id = c.id`);

  // 4. Residents: changed rows, new rows, removed rows.
  let updated = 0;
  if (changed) {
    const r = await client.query(
      `UPDATE "Resident" r SET "householdId" = h.id, ${RESIDENT_VALUES.map(([c, e]) => `"${c}" = ${e}`).join(", ")}, "updatedAt" = now()
         FROM res_changed s
         JOIN "Household" h ON h."municipalityId" = $1::uuid AND h."householdNo" = s.household_no
        WHERE r.id = s.resident_id`,
      m,
    );
    updated = r.rowCount ?? 0;
  }
  let inserted = 0;
  if (newResidents) {
    const r = await client.query(
      `INSERT INTO "Resident" (id, "municipalityId", "householdId", "residentNo", ${RESIDENT_VALUES.map(([c]) => `"${c}"`).join(", ")}, "updatedAt")
       SELECT ${ctx.uuid7}, $1::uuid, h.id, s.resident_no, ${RESIDENT_VALUES.map(([, e]) => e).join(", ")}, now()
         FROM res_new n
         JOIN ${STAGE} s ON s.line = n.line
         JOIN "Household" h ON h."municipalityId" = $1::uuid AND h."householdNo" = s.household_no`,
      m,
    );
    inserted = r.rowCount ?? 0;
  }
  let removed = 0;
  if (removedCount) removed = (await client.query(`UPDATE "Resident" r SET status = 'moved_out', "updatedAt" = now() FROM res_removed x WHERE r.id = x.id`)).rowCount ?? 0;
  return { inserted, updated, removed };
}

/** A full load marks 転出 the residents present in the register (現存) and absent from the file. */
const FULL_LOAD_REMOVAL = {
  currentSql: `SELECT r.id FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r.status = 'active'`,
  removedSql: `SELECT r.id FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.resident_no = r."residentNo")`,
};

export const residentsFeed: FeedDefinition = {
  feed: "residents",
  columns: RESIDENT_COLUMNS,
  keyColumns: ["residentNo"],
  upsertSchema: ZResidentRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZResidentKey,
  stageColumns: STAGE_COLUMNS,
  prepareBatch,
  validate,
  apply,
  fullLoadRemoval: FULL_LOAD_REMOVAL,
};
