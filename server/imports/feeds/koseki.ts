import "server-only";
import { z } from "zod";
import { bool, code, date, int, jsonOf, oneOfOr, optText, orNone, SEX, text, parseDate } from "../columns";
import { duplicateErrors, lineErrors, lockAndTouchResidents, lockRows, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn } from "../types";

// 戸籍: one row per member of a register (戸籍に記録されている者), the register's own columns repeated on each
// of its rows; 戸籍事項 and 身分事項 as JSON arrays. Key: 戸籍番号 (+ 順位 for a member). A register is the
// unit of change: when anything in it differs, the register, its members and its events are rewritten;
// counts are registers. A delta remove row (戸籍番号 only) removes the whole register.

export const KOSEKI_COLUMNS: readonly ColumnDef[] = [
  { key: "recordNo", label: "戸籍番号", required: true },
  { key: "kind", label: "戸籍の種別", required: false },
  { key: "honseki", label: "本籍", required: true },
  { key: "headFamilyName", label: "筆頭者氏", required: true },
  { key: "headGivenName", label: "筆頭者名", required: true },
  { key: "pendingFiling", label: "未反映の届出", required: false },
  { key: "recordEvents", label: "戸籍事項", required: false },
  { key: "position", label: "順位", required: true },
  { key: "familyName", label: "氏", required: true },
  { key: "givenName", label: "名", required: true },
  { key: "dateOfBirth", label: "生年月日", required: true },
  { key: "sex", label: "性別", required: true },
  { key: "fatherName", label: "父", required: false },
  { key: "motherName", label: "母", required: false },
  { key: "relationship", label: "続柄", required: true },
  { key: "spouseRole", label: "配偶者区分", required: false },
  { key: "removed", label: "除籍", required: false },
  { key: "residentNo", label: "住民番号", required: false },
  { key: "events", label: "身分事項", required: false },
  { key: "supportMeasure", label: "支援措置", required: false },
  { key: "priorRecordNo", label: "従前戸籍番号", required: false },
  { key: "priorPosition", label: "従前順位", required: false },
];

const KIND = { current: "current", joseki: "joseki", kaisei_genkoseki: "kaisei_genkoseki", 現在戸籍: "current", 除籍: "joseki", 改製原戸籍: "kaisei_genkoseki" } as const;

/** An event as KosekiEvent stores it: kind, optional date, and labelled fields in print order. */
const ZEvent = z
  .object({
    kind: z.string().min(1, "事項の種類（kind）が必要です。").max(20),
    date: z
      .string()
      .nullable()
      .optional()
      .refine((d) => d == null || parseDate(d) === d, "日付（date）は YYYY-MM-DD 形式で書いてください。"),
    fields: z.array(
      z
        .object({ label: z.string().min(1, "項目名（label）が必要です。"), value: z.string(), type: z.enum(["date", "text"]).optional() })
        .refine((f) => f.type !== "date" || f.value === "" || parseDate(f.value) === f.value, "type が date の値は YYYY-MM-DD 形式で書いてください。"),
    ),
  })
  .transform((e) => ({ kind: e.kind, date: e.date ?? null, fields: e.fields.map((f) => (f.type ? { label: f.label, value: f.value, type: f.type } : { label: f.label, value: f.value })) }));
const ZEvents = z.array(ZEvent).nullable().transform((v) => v ?? []);

const ZKosekiRow = z.object({
  recordNo: code(30),
  kind: oneOfOr(KIND, "現在戸籍・除籍・改製原戸籍", "current"),
  honseki: text(200),
  headFamilyName: text(50),
  headGivenName: text(50),
  pendingFiling: bool(),
  recordEvents: jsonOf(ZEvents, "戸籍事項"),
  position: int(0, 999),
  familyName: text(50),
  givenName: text(50),
  dateOfBirth: date(),
  sex: SEX,
  fatherName: optText(100),
  motherName: optText(100),
  relationship: text(20),
  spouseRole: optText(10),
  removed: bool(),
  residentNo: optText(20),
  events: jsonOf(ZEvents, "身分事項"),
  supportMeasure: bool(),
  priorRecordNo: orNone(code(30)),
  priorPosition: orNone(int(0, 999)),
}).refine((r) => (r.priorRecordNo === null) === (r.priorPosition === null), {
  path: ["priorPosition"],
  message: "従前戸籍番号と従前順位は両方入力するか、両方空欄にしてください。",
});

const ZKosekiKey = z.object({ recordNo: code(30) });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "record_no", type: "text", value: (r) => r.recordNo },
  { name: "kind", type: "text", value: (r) => r.kind },
  { name: "honseki", type: "text", value: (r) => r.honseki },
  { name: "head_family_name", type: "text", value: (r) => r.headFamilyName },
  { name: "head_given_name", type: "text", value: (r) => r.headGivenName },
  { name: "pending_filing", type: "bool", value: (r) => r.pendingFiling },
  { name: "record_events", type: "jsonb", value: (r) => r.recordEvents },
  { name: "position", type: "int", value: (r) => r.position },
  { name: "family_name", type: "text", value: (r) => r.familyName },
  { name: "given_name", type: "text", value: (r) => r.givenName },
  { name: "date_of_birth", type: "date", value: (r) => r.dateOfBirth },
  { name: "sex", type: "text", value: (r) => r.sex },
  { name: "father_name", type: "text", value: (r) => r.fatherName },
  { name: "mother_name", type: "text", value: (r) => r.motherName },
  { name: "relationship", type: "text", value: (r) => r.relationship },
  { name: "spouse_role", type: "text", value: (r) => r.spouseRole },
  { name: "removed", type: "bool", value: (r) => r.removed },
  { name: "resident_no", type: "text", value: (r) => r.residentNo },
  { name: "events", type: "jsonb", value: (r) => r.events },
  { name: "support_measure", type: "bool", value: (r) => r.supportMeasure },
  { name: "prior_record_no", type: "text", value: (r) => r.priorRecordNo },
  { name: "prior_position", type: "int", value: (r) => r.priorPosition },
];

const RECORD_COLS = "s.kind, s.honseki, s.head_family_name, s.head_given_name, s.pending_filing, s.record_events";

async function validate(ctx: FeedContext) {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  const duplicates = await duplicateErrors(client, "順位", ["record_no", "position"], "戸籍番号と順位の組", "op = 'upsert'");
  const inconsistent = await lineErrors(
    client,
    "戸籍番号",
    `SELECT s.line, '同じ戸籍番号の行で戸籍の項目（種別・本籍・筆頭者・未反映の届出・戸籍事項）が異なります。' AS message
       FROM ${STAGE} s
       JOIN (SELECT DISTINCT ON (record_no) record_no, ROW(${RECORD_COLS}) AS first FROM ${STAGE} s WHERE op = 'upsert' ORDER BY record_no, line) f USING (record_no)
      WHERE s.op = 'upsert' AND ROW(${RECORD_COLS}) IS DISTINCT FROM f.first`,
  );
  const mixed = await lineErrors(
    client,
    "異動区分",
    `SELECT s.line, '同じ戸籍番号に削除と追加・更新の行が混在しています。' AS message FROM ${STAGE} s
      WHERE s.record_no IN (SELECT record_no FROM ${STAGE} GROUP BY record_no HAVING count(DISTINCT op) > 1) AND s.op = 'remove'`,
  );
  const residents = await lineErrors(
    client,
    "住民番号",
    `SELECT s.line, '住民番号に当たる住民が登録されていません。' AS message FROM ${STAGE} s
      WHERE s.op = 'upsert' AND s.resident_no IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no)`,
    m,
  );
  return [...duplicates, ...inconsistent, ...mixed, ...residents];
}

const eventsJson = (where: string) =>
  `COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', e.kind, 'date', e."eventDate", 'fields', e.fields) ORDER BY e.position) FROM "KosekiEvent" e WHERE ${where}), '[]'::jsonb)`;

const memberJson = (p: string, residentId: string, events: string) =>
  `jsonb_build_object('position', ${p}.position, 'familyName', ${p}.${p === "m" ? `"familyName"` : "family_name"}, 'givenName', ${p}.${p === "m" ? `"givenName"` : "given_name"},
     'dateOfBirth', ${p}.${p === "m" ? `"dateOfBirth"` : "date_of_birth"}, 'sex', ${p}.sex::text, 'fatherName', ${p}.${p === "m" ? `"fatherName"` : "father_name"},
     'motherName', ${p}.${p === "m" ? `"motherName"` : "mother_name"}, 'relationship', ${p}.relationship, 'spouseRole', ${p}.${p === "m" ? `"spouseRole"` : "spouse_role"},
     'removed', ${p}.removed, 'residentId', ${residentId}, 'events', ${events},
     'supportMeasure', ${p}.${p === "m" ? `"supportMeasure"` : "support_measure"}, 'priorRecordNo', ${p}.${p === "m" ? `"priorRecordNo"` : "prior_record_no"},
     'priorPosition', ${p}.${p === "m" ? `"priorPosition"` : "prior_position"})`;

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  // 1. Each register in the file as one JSON document, and the stored one in the same shape: equal means unchanged.
  await client.query(
    `CREATE TEMP TABLE k_file ON COMMIT DROP AS
     SELECT s.record_no, min(s.line) AS line,
            jsonb_build_object('kind', min(s.kind), 'honseki', min(s.honseki), 'headFamilyName', min(s.head_family_name), 'headGivenName', min(s.head_given_name),
                               'pendingFiling', bool_or(s.pending_filing), 'recordEvents', (array_agg(s.record_events ORDER BY s.line))[1],
                               'members', jsonb_agg(${memberJson("s", "r.id", "s.events")} ORDER BY s.position)) AS doc
       FROM ${STAGE} s LEFT JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
      WHERE s.op = 'upsert' GROUP BY s.record_no`,
    m,
  );
  await client.query(
    `CREATE TEMP TABLE k_plan ON COMMIT DROP AS
     SELECT f.record_no, f.line, k.id AS record_id FROM k_file f
       LEFT JOIN "KosekiRecord" k ON k."municipalityId" = $1::uuid AND k."recordNo" = f.record_no
      WHERE k.id IS NULL OR f.doc IS DISTINCT FROM jsonb_build_object(
              'kind', k.kind::text, 'honseki', k.honseki, 'headFamilyName', k."headFamilyName", 'headGivenName', k."headGivenName", 'pendingFiling', k."pendingFiling",
              'recordEvents', ${eventsJson(`e."kosekiRecordId" = k.id AND e."memberId" IS NULL`)},
              'members', COALESCE((SELECT jsonb_agg(${memberJson("m", `m."residentId"`, eventsJson(`e."memberId" = m.id`))} ORDER BY m.position)
                                     FROM "KosekiMember" m WHERE m."kosekiRecordId" = k.id), '[]'::jsonb))`,
    m,
  );
  const removedSql =
    ctx.mode === "full"
      ? `SELECT k.id FROM "KosekiRecord" k WHERE k."municipalityId" = $1::uuid AND NOT EXISTS (SELECT 1 FROM k_file f WHERE f.record_no = k."recordNo")`
      : `SELECT k.id FROM "KosekiRecord" k WHERE k."municipalityId" = $1::uuid AND k."recordNo" IN (SELECT record_no FROM ${STAGE} WHERE op = 'remove')`;
  await client.query(`CREATE TEMP TABLE k_removed ON COMMIT DROP AS ${removedSql}`, m);
  await client.query(`CREATE TEMP TABLE k_rewrite ON COMMIT DROP AS SELECT record_id AS id FROM k_plan WHERE record_id IS NOT NULL UNION SELECT id FROM k_removed`);

  // 2. Locks in issuance order: the residents linked before and after, then the registers.
  await withEligibilityGate(ctx, async () => {
    await lockAndTouchResidents(
      client,
      `SELECT m."residentId" FROM "KosekiMember" m WHERE m."kosekiRecordId" IN (SELECT id FROM k_rewrite) AND m."residentId" IS NOT NULL
       UNION SELECT r.id FROM ${STAGE} s JOIN k_plan p USING (record_no) JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no`,
      m,
    );
    await lockRows(client, "KosekiRecord", `SELECT id FROM k_rewrite`, [], true);
  });

  // 3. Clear what is rewritten: events of changed and removed registers; members (and their 附票 lines) that
  //    are gone. A 利用登録 bound to a deleted member loses the binding (FK SET NULL) and is refused, not misdirected.
  await client.query(`DELETE FROM "KosekiEvent" WHERE "kosekiRecordId" IN (SELECT id FROM k_rewrite)`);
  const goneMembers = `SELECT m.id FROM "KosekiMember" m
      WHERE m."kosekiRecordId" IN (SELECT id FROM k_removed)
         OR (m."kosekiRecordId" IN (SELECT record_id FROM k_plan WHERE record_id IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM ${STAGE} s JOIN k_plan p USING (record_no) WHERE p.record_id = m."kosekiRecordId" AND s.position = m.position AND s.op = 'upsert'))`;
  await client.query(`DELETE FROM "FuhyoEntry" WHERE "memberId" IN (${goneMembers})`);
  await client.query(`DELETE FROM "KosekiMember" WHERE id IN (${goneMembers})`);
  const removed = await client.query(`DELETE FROM "KosekiRecord" WHERE id IN (SELECT id FROM k_removed)`);

  // 4. Registers, members, events.
  await client.query(
    `UPDATE "KosekiRecord" k SET kind = s.kind::"KosekiKind", honseki = s.honseki, "headFamilyName" = s.head_family_name, "headGivenName" = s.head_given_name,
            "pendingFiling" = s.pending_filing, "updatedAt" = now()
       FROM k_plan p JOIN ${STAGE} s ON s.line = p.line WHERE k.id = p.record_id`,
  );
  const inserted = await client.query(
    `WITH created AS (
       INSERT INTO "KosekiRecord" (id, "municipalityId", "recordNo", kind, honseki, "headFamilyName", "headGivenName", "pendingFiling", "updatedAt")
       SELECT ${ctx.uuid7}, $1::uuid, s.record_no, s.kind::"KosekiKind", s.honseki, s.head_family_name, s.head_given_name, s.pending_filing, now()
         FROM k_plan p JOIN ${STAGE} s ON s.line = p.line WHERE p.record_id IS NULL
       RETURNING id, "recordNo")
     UPDATE k_plan p SET record_id = c.id FROM created c WHERE p.record_no = c."recordNo"`,
    m,
  );
  await client.query(
    `INSERT INTO "KosekiMember" (id, "municipalityId", "kosekiRecordId", position, "familyName", "givenName", "dateOfBirth", sex, "fatherName", "motherName",
                                 relationship, "spouseRole", removed, "residentId", "supportMeasure", "priorRecordNo", "priorPosition", "updatedAt")
     SELECT ${ctx.uuid7}, $1::uuid, p.record_id, s.position, s.family_name, s.given_name, s.date_of_birth, s.sex::"Sex", s.father_name, s.mother_name,
            s.relationship, s.spouse_role, s.removed, r.id, s.support_measure, s.prior_record_no, s.prior_position, now()
       FROM ${STAGE} s JOIN k_plan p USING (record_no)
       LEFT JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
      WHERE s.op = 'upsert'
     ON CONFLICT ("kosekiRecordId", position) DO UPDATE SET
        "familyName" = EXCLUDED."familyName", "givenName" = EXCLUDED."givenName", "dateOfBirth" = EXCLUDED."dateOfBirth", sex = EXCLUDED.sex,
        "fatherName" = EXCLUDED."fatherName", "motherName" = EXCLUDED."motherName", relationship = EXCLUDED.relationship,
        "spouseRole" = EXCLUDED."spouseRole", removed = EXCLUDED.removed, "residentId" = EXCLUDED."residentId",
        "supportMeasure" = EXCLUDED."supportMeasure", "priorRecordNo" = EXCLUDED."priorRecordNo", "priorPosition" = EXCLUDED."priorPosition", "updatedAt" = now()`,
    m,
  );
  await client.query(
    `INSERT INTO "KosekiEvent" (id, "municipalityId", "kosekiRecordId", "memberId", position, kind, "eventDate", fields)
     SELECT ${ctx.uuid7}, $1::uuid, p.record_id, NULL, e.ord::int - 1, e.v->>'kind', (e.v->>'date')::date, e.v->'fields'
       FROM k_plan p JOIN ${STAGE} s ON s.line = p.line, jsonb_array_elements(s.record_events) WITH ORDINALITY AS e(v, ord)
     UNION ALL
     SELECT ${ctx.uuid7}, $1::uuid, p.record_id, km.id, e.ord::int - 1, e.v->>'kind', (e.v->>'date')::date, e.v->'fields'
       FROM ${STAGE} s JOIN k_plan p USING (record_no)
       JOIN "KosekiMember" km ON km."kosekiRecordId" = p.record_id AND km.position = s.position,
            jsonb_array_elements(s.events) WITH ORDINALITY AS e(v, ord)
      WHERE s.op = 'upsert'`,
    m,
  );
  const total = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM k_plan`);
  const created = inserted.rowCount ?? 0;
  return { inserted: created, updated: total.rows[0].n - created, removed: removed.rowCount ?? 0 };
}

export const kosekiFeed: FeedDefinition = {
  feed: "koseki",
  columns: KOSEKI_COLUMNS,
  keyColumns: ["recordNo"],
  upsertSchema: ZKosekiRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZKosekiKey,
  stageColumns: STAGE_COLUMNS,
  validate,
  apply,
  // A full load deletes the registers absent from the file (apply selects them from its k_file, which holds
  // the same record numbers as the staged rows).
  fullLoadRemoval: {
    currentSql: `SELECT k.id FROM "KosekiRecord" k WHERE k."municipalityId" = $1::uuid`,
    removedSql: `SELECT k.id FROM "KosekiRecord" k WHERE k."municipalityId" = $1::uuid AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.record_no = k."recordNo")`,
  },
};
