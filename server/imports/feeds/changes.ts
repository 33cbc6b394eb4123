import "server-only";
import { z } from "zod";
import { decryptField, encryptField, FieldContext } from "../../crypto/field-encryption";
import { code, oneOf, optDate, optText } from "../columns";
import { lineErrors, lockRows, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn, StagedRow } from "../types";

// 異動: status events from the resident system, applied in line order (a file may carry 転出予定 and then
// 転出 for one person). Every change locks its Resident row first — 死亡, 転出, 転出予定 and 支援措置 refuse
// the very next issuance, so they must queue behind in-flight issuances and block later ones until commit.
// Delta only: a row is an event, not a state.

export const CHANGE_KINDS = {
  転出: "moved_out",
  転出取消: "moved_out_cancelled",
  転出予定: "move_out_planned",
  転出予定取消: "move_out_plan_cancelled",
  死亡: "deceased",
  支援措置開始: "support_measure_start",
  支援措置終了: "support_measure_end",
  住所変更: "address_changed",
  転居: "address_changed",
} as const;
type ChangeKind = (typeof CHANGE_KINDS)[keyof typeof CHANGE_KINDS];

const KIND_ALIASES: Record<string, ChangeKind> = { ...CHANGE_KINDS, ...Object.fromEntries(Object.values(CHANGE_KINDS).map((v) => [v, v])) };

export const CHANGE_COLUMNS: readonly ColumnDef[] = [
  { key: "residentNo", label: "住民番号", required: true },
  { key: "kind", label: "異動事由", required: true },
  { key: "date", label: "異動日", required: false },
  { key: "householdNo", label: "世帯番号", required: false },
  { key: "householdAddress", label: "住所", required: false },
  { key: "supportMeasureEndsOn", label: "支援措置終了予定日", required: false },
  { key: "supportMeasureDetails", label: "支援措置内容", required: false },
];

const NO_DATE: ReadonlySet<ChangeKind> = new Set(["moved_out_cancelled", "move_out_plan_cancelled"]);

const ZChangeRow = z
  .object({
    residentNo: code(20),
    kind: oneOf(KIND_ALIASES, Object.keys(CHANGE_KINDS).join("・")),
    date: optDate(),
    householdNo: optText(20),
    householdAddress: optText(200),
    supportMeasureEndsOn: optDate(),
    supportMeasureDetails: optText(2000),
  })
  .superRefine((r, ctx) => {
    if (!r.date && !NO_DATE.has(r.kind)) ctx.addIssue({ code: "custom", path: ["date"], message: "この異動事由には異動日が必要です。" });
    if (r.kind === "support_measure_start" && !r.supportMeasureDetails) {
      ctx.addIssue({ code: "custom", path: ["supportMeasureDetails"], message: "支援措置開始には支援措置内容が必要です。" });
    }
    if (r.kind === "support_measure_start" && r.date && r.supportMeasureEndsOn && r.supportMeasureEndsOn < r.date) {
      ctx.addIssue({ code: "custom", path: ["supportMeasureEndsOn"], message: "終了予定日が異動日より前です。" });
    }
    if (r.kind === "address_changed") {
      if (!r.householdNo) ctx.addIssue({ code: "custom", path: ["householdNo"], message: "住所変更には世帯番号が必要です。" });
      else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(r.householdNo)) ctx.addIssue({ code: "custom", path: ["householdNo"], message: "半角英数字（および - _ . /）で入力してください。" });
      if (!r.householdAddress) ctx.addIssue({ code: "custom", path: ["householdAddress"], message: "住所変更には住所が必要です。" });
    }
  });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "resident_no", type: "text", value: (r) => r.residentNo },
  { name: "kind", type: "text", value: (r) => r.kind },
  { name: "change_date", type: "date", value: (r) => r.date },
  { name: "household_no", type: "text", value: (r) => r.householdNo },
  { name: "household_address", type: "text", value: (r) => r.householdAddress },
  { name: "ends_on", type: "date", value: (r) => r.supportMeasureEndsOn },
  { name: "details_cipher", type: "text", value: (r) => r.detailsCipher },
  { name: "details_key_id", type: "text", value: (r) => r.detailsKeyId },
];

/** 支援措置 details are encrypted in the stream; the staging table never holds them in clear. */
async function prepareBatch(rows: StagedRow[], ctx: FeedContext): Promise<void> {
  for (const r of rows) {
    const details = r.supportMeasureDetails as string | null;
    delete r.supportMeasureDetails;
    if (!details) continue;
    const enc = encryptField(details, FieldContext.supportMeasure, ctx.keyring);
    r.detailsCipher = enc.cipher;
    r.detailsKeyId = enc.keyId;
  }
}

async function validate(ctx: FeedContext) {
  return lineErrors(
    ctx.client,
    "住民番号",
    `SELECT s.line, '住民番号に当たる住民が登録されていません。' AS message FROM ${STAGE} s
      WHERE NOT EXISTS (SELECT 1 FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no)`,
    [ctx.municipalityId],
  );
}

type Staged = {
  line: number;
  resident_id: string;
  kind: ChangeKind;
  change_date: string | null;
  household_no: string | null;
  household_address: string | null;
  ends_on: string | null;
  details_cipher: string | null;
  details_key_id: string | null;
};

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  await client.query(`CREATE INDEX ON ${STAGE} (line)`);
  // Everyone an event can affect, locked once in id order: the residents named, their current households
  // (a move changes who lives there) and the households named by 住所変更.
  await withEligibilityGate(ctx, () =>
    lockRows(
      client,
      "Resident",
      `SELECT r.id FROM "Resident" r
        WHERE r."municipalityId" = $1::uuid
          AND (r."residentNo" IN (SELECT resident_no FROM ${STAGE})
               OR r."householdId" IN (SELECT x."householdId" FROM "Resident" x WHERE x."municipalityId" = $1::uuid AND x."residentNo" IN (SELECT resident_no FROM ${STAGE}))
               OR r."householdId" IN (SELECT h.id FROM "Household" h WHERE h."municipalityId" = $1::uuid AND h."householdNo" IN (SELECT household_no FROM ${STAGE} WHERE household_no IS NOT NULL)))`,
      m,
    ),
  );
  const counts: ImportCounts = { inserted: 0, updated: 0, removed: 0 };
  let after = 0;
  for (;;) {
    const { rows } = await client.query<Staged>(
      `SELECT s.line, r.id AS resident_id, s.kind, to_char(s.change_date, 'YYYY-MM-DD') AS change_date, s.household_no, s.household_address,
              to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.details_cipher, s.details_key_id
         FROM ${STAGE} s JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
        WHERE s.line > $2 ORDER BY s.line LIMIT 1000`,
      [ctx.municipalityId, after],
    );
    if (!rows.length) break;
    for (const row of rows) {
      const result = await applyChange(ctx, row);
      if (result === "inserted") counts.inserted++;
      else if (result === "updated") counts.updated++;
    }
    after = rows[rows.length - 1].line;
  }
  return counts;
}

const touch = (ctx: FeedContext, residentId: string) => ctx.client.query(`UPDATE "Resident" SET "updatedAt" = now() WHERE id = $1::uuid`, [residentId]);

async function updated(ctx: FeedContext, sql: string, params: unknown[]): Promise<"updated" | "unchanged"> {
  const { rowCount } = await ctx.client.query(sql, params);
  return rowCount ? "updated" : "unchanged";
}

async function applyChange(ctx: FeedContext, c: Staged): Promise<"inserted" | "updated" | "unchanged"> {
  const id = c.resident_id;
  const d = c.change_date;
  switch (c.kind) {
    case "moved_out":
      return updated(ctx, `UPDATE "Resident" SET status = 'moved_out', "movedOutOn" = $2::date, "updatedAt" = now() WHERE id = $1::uuid AND (status <> 'moved_out' OR "movedOutOn" IS DISTINCT FROM $2::date)`, [id, d]);
    case "moved_out_cancelled":
      return updated(ctx, `UPDATE "Resident" SET status = 'active', "movedOutOn" = NULL, "updatedAt" = now() WHERE id = $1::uuid AND status = 'moved_out'`, [id]);
    case "move_out_planned":
      return updated(ctx, `UPDATE "Resident" SET "moveOutPlannedOn" = $2::date, "updatedAt" = now() WHERE id = $1::uuid AND "moveOutPlannedOn" IS DISTINCT FROM $2::date`, [id, d]);
    case "move_out_plan_cancelled":
      return updated(ctx, `UPDATE "Resident" SET "moveOutPlannedOn" = NULL, "updatedAt" = now() WHERE id = $1::uuid AND "moveOutPlannedOn" IS NOT NULL`, [id]);
    case "deceased":
      return updated(ctx, `UPDATE "Resident" SET status = 'deceased', "deceasedOn" = $2::date, "updatedAt" = now() WHERE id = $1::uuid AND (status <> 'deceased' OR "deceasedOn" IS DISTINCT FROM $2::date)`, [id, d]);
    case "support_measure_start":
      return startSupportMeasure(ctx, c);
    case "support_measure_end": {
      // 異動日 is the last day the measure is in force (eligibility reads endsOn >= today as in force).
      const r = await updated(
        ctx,
        `UPDATE "SupportMeasure" SET "endsOn" = $2::date, "updatedAt" = now() WHERE "residentId" = $1::uuid AND "startsOn" <= $2::date AND ("endsOn" IS NULL OR "endsOn" > $2::date)`,
        [id, d],
      );
      if (r === "updated") await touch(ctx, id);
      return r;
    }
    case "address_changed":
      return changeAddress(ctx, c);
  }
}

async function startSupportMeasure(ctx: FeedContext, c: Staged): Promise<"inserted" | "updated" | "unchanged"> {
  const { rows } = await ctx.client.query<{ id: string; ends_on: string | null; cipher: string }>(
    `SELECT id, to_char("endsOn", 'YYYY-MM-DD') AS ends_on, "detailsCipher" AS cipher FROM "SupportMeasure" WHERE "residentId" = $1::uuid AND "startsOn" = $2::date ORDER BY id LIMIT 1`,
    [c.resident_id, c.change_date],
  );
  const existing = rows[0];
  if (!existing) {
    await ctx.client.query(
      `INSERT INTO "SupportMeasure" (id, "municipalityId", "residentId", "startsOn", "endsOn", "detailsCipher", "detailsKeyId", "updatedAt")
       VALUES (${ctx.uuid7}, $1::uuid, $2::uuid, $3::date, $4::date, $5, $6, now())`,
      [ctx.municipalityId, c.resident_id, c.change_date, c.ends_on, c.details_cipher, c.details_key_id],
    );
    await touch(ctx, c.resident_id);
    return "inserted";
  }
  // Envelopes differ per encryption (random IV): compare the details in clear, in memory only.
  const sameDetails = decryptField(existing.cipher, FieldContext.supportMeasure, ctx.keyring) === decryptField(c.details_cipher!, FieldContext.supportMeasure, ctx.keyring);
  if (sameDetails && existing.ends_on === c.ends_on) return "unchanged";
  await ctx.client.query(`UPDATE "SupportMeasure" SET "endsOn" = $2::date, "detailsCipher" = $3, "detailsKeyId" = $4, "updatedAt" = now() WHERE id = $1::uuid`, [
    existing.id,
    c.ends_on,
    sameDetails ? existing.cipher : c.details_cipher,
    sameDetails ? existing.cipher.split(".")[1] : c.details_key_id,
  ]);
  await touch(ctx, c.resident_id);
  return "updated";
}

/** 住所変更 / 転居: the resident lives in household 世帯番号 at 住所 from 異動日 (the household is created or re-addressed). */
async function changeAddress(ctx: FeedContext, c: Staged): Promise<"updated" | "unchanged"> {
  const { client } = ctx;
  const current = await client.query<{ household_id: string; address: string }>(
    `SELECT r."householdId" AS household_id, h.address FROM "Resident" r JOIN "Household" h ON h.id = r."householdId" WHERE r.id = $1::uuid`,
    [c.resident_id],
  );
  const before = current.rows[0];
  const found = await client.query<{ id: string; address: string }>(`SELECT id, address FROM "Household" WHERE "municipalityId" = $1::uuid AND "householdNo" = $2`, [ctx.municipalityId, c.household_no]);
  let householdId: string;
  if (!found.rows[0]) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Household" (id, "municipalityId", "householdNo", address, "updatedAt") VALUES (${ctx.uuid7}, $1::uuid, $2, $3, now()) RETURNING id`,
      [ctx.municipalityId, c.household_no, c.household_address],
    );
    householdId = rows[0].id;
  } else {
    householdId = found.rows[0].id;
    if (found.rows[0].address !== c.household_address) {
      await client.query(`UPDATE "Household" SET address = $2, "updatedAt" = now() WHERE id = $1::uuid`, [householdId, c.household_address]);
      // Everyone living there now has another address (their rows were locked up front).
      await client.query(`UPDATE "Resident" SET "updatedAt" = now() WHERE "householdId" = $1::uuid`, [householdId]);
    }
  }
  const moved = before.household_id !== householdId;
  const readdressed = before.address !== c.household_address;
  if (!moved && !readdressed) return "unchanged";
  await client.query(
    `UPDATE "Resident" SET "householdId" = $2::uuid, "addressSetOn" = $3::date, "addressSetReason" = '転居',
            "previousAddress" = CASE WHEN $4::boolean THEN $5 ELSE "previousAddress" END, "updatedAt" = now()
      WHERE id = $1::uuid`,
    [c.resident_id, householdId, c.change_date, readdressed, before.address],
  );
  return "updated";
}

export const changesFeed: FeedDefinition = {
  feed: "changes",
  noOpColumn: true,
  columns: CHANGE_COLUMNS,
  keyColumns: ["residentNo"],
  upsertSchema: ZChangeRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZChangeRow as z.ZodType<Record<string, unknown>>,
  stageColumns: STAGE_COLUMNS,
  prepareBatch,
  validate,
  apply,
};

