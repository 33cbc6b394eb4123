import "server-only";
import { z } from "zod";
import { bool, code, int, jsonOf } from "../columns";
import { duplicateErrors, lineErrors, lockAndTouchResidents, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn } from "../types";

// 税: one row per resident and 年度 with the amounts printed on 所得・課税証明書 and a JSON 明細 (income
// items, deductions, 所得割・均等割). Key: 住民番号 + 年度. A full load covers the 年度 present in the file:
// records of those years missing from the file are removed, other years are left alone.

export const TAX_COLUMNS: readonly ColumnDef[] = [
  { key: "residentNo", label: "住民番号", required: true },
  { key: "fiscalYear", label: "年度", required: true },
  { key: "residentOnJan1", label: "賦課期日在住", required: false },
  { key: "nonTaxable", label: "非課税", required: false },
  { key: "totalIncome", label: "合計所得金額", required: true },
  { key: "totalDeductions", label: "所得控除合計", required: true },
  { key: "taxableIncome", label: "課税標準額", required: true },
  { key: "municipalTax", label: "市町村民税", required: true },
  { key: "prefecturalTax", label: "道府県民税", required: true },
  { key: "dependents", label: "扶養人数", required: false },
  { key: "details", label: "明細", required: true },
];

const yen = z.number({ message: "金額は整数で書いてください。" }).int("金額は整数で書いてください。");
const nonNegativeYen = yen.nonnegative("金額は0以上にしてください。");
const ZLevy = z.object({ incomeLevy: nonNegativeYen, perCapita: nonNegativeYen });
/** TaxRecord.details, the shape server/certificates/build-tax-document.ts prints. */
export const ZTaxDetails = z.object({
  income: z.array(z.object({ label: z.string().min(1), revenue: yen.nullable().optional(), amount: yen })),
  deductions: z.array(z.object({ label: z.string().min(1), amount: yen })),
  taxes: z.object({ municipal: ZLevy, prefectural: ZLevy }).optional(),
});

const AMOUNT_MAX = 2_000_000_000;

const ZTaxRow = z
  .object({
    residentNo: code(20),
    fiscalYear: int(2000, 2100),
    residentOnJan1: bool(true),
    nonTaxable: bool(),
    totalIncome: int(-AMOUNT_MAX, AMOUNT_MAX),
    totalDeductions: int(0, AMOUNT_MAX),
    taxableIncome: int(0, AMOUNT_MAX),
    municipalTax: int(0, AMOUNT_MAX),
    prefecturalTax: int(0, AMOUNT_MAX),
    dependents: int(0, 99, 0),
    details: jsonOf(ZTaxDetails, "明細"),
  })
  .superRefine((r, ctx) => {
    // What the certificate builder would refuse at print time is refused here, at the line that carries it.
    if (r.nonTaxable) {
      if (r.municipalTax !== 0 || r.prefecturalTax !== 0) ctx.addIssue({ code: "custom", path: ["nonTaxable"], message: "非課税の行は市町村民税・道府県民税を0にしてください。" });
      return;
    }
    if (!r.details.taxes) {
      ctx.addIssue({ code: "custom", path: ["details"], message: "課税の行には明細に所得割・均等割（taxes）が必要です。" });
      return;
    }
    const { municipal, prefectural } = r.details.taxes;
    if (municipal.incomeLevy + municipal.perCapita !== r.municipalTax) ctx.addIssue({ code: "custom", path: ["municipalTax"], message: "市町村民税が明細の所得割と均等割の合計と一致しません。" });
    if (prefectural.incomeLevy + prefectural.perCapita !== r.prefecturalTax) ctx.addIssue({ code: "custom", path: ["prefecturalTax"], message: "道府県民税が明細の所得割と均等割の合計と一致しません。" });
  });

const ZTaxKey = z.object({ residentNo: code(20), fiscalYear: int(2000, 2100) });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "resident_no", type: "text", value: (r) => r.residentNo },
  { name: "fiscal_year", type: "int", value: (r) => r.fiscalYear },
  { name: "resident_on_jan1", type: "bool", value: (r) => r.residentOnJan1 },
  { name: "non_taxable", type: "bool", value: (r) => r.nonTaxable },
  { name: "details", type: "jsonb", value: (r) => r.details },
  { name: "total_income", type: "int", value: (r) => r.totalIncome },
  { name: "total_deductions", type: "int", value: (r) => r.totalDeductions },
  { name: "taxable_income", type: "int", value: (r) => r.taxableIncome },
  { name: "municipal_tax", type: "int", value: (r) => r.municipalTax },
  { name: "prefectural_tax", type: "int", value: (r) => r.prefecturalTax },
  { name: "dependents", type: "int", value: (r) => r.dependents },
];

const VALUES: ReadonlyArray<readonly [string, string]> = [
  ["residentOnJan1", "s.resident_on_jan1"],
  ["nonTaxable", "s.non_taxable"],
  ["details", "s.details"],
  ["totalIncome", "s.total_income"],
  ["totalDeductions", "s.total_deductions"],
  ["taxableIncome", "s.taxable_income"],
  ["municipalTax", "s.municipal_tax"],
  ["prefecturalTax", "s.prefectural_tax"],
  ["dependents", "s.dependents"],
];

async function validate(ctx: FeedContext) {
  const duplicates = await duplicateErrors(ctx.client, "年度", ["resident_no", "fiscal_year"], "住民番号と年度の組");
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
    `CREATE TEMP TABLE tax_plan ON COMMIT DROP AS
     SELECT s.line, t.id AS tax_id, r.id AS resident_id
       FROM ${STAGE} s
       JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
       LEFT JOIN "TaxRecord" t ON t."residentId" = r.id AND t."fiscalYear" = s.fiscal_year
      WHERE s.op = 'upsert'
        AND (t.id IS NULL OR ROW(${VALUES.map(([c]) => `t."${c}"`).join(", ")}) IS DISTINCT FROM ROW(${VALUES.map(([, e]) => e).join(", ")}))`,
    m,
  );
  const removedSql =
    ctx.mode === "full"
      ? FULL_LOAD_REMOVAL.removedSql
      : `SELECT t.id, t."residentId" AS resident_id FROM ${STAGE} s
           JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
           JOIN "TaxRecord" t ON t."residentId" = r.id AND t."fiscalYear" = s.fiscal_year
          WHERE s.op = 'remove'`;
  await client.query(`CREATE TEMP TABLE tax_removed ON COMMIT DROP AS ${removedSql}`, m);
  await withEligibilityGate(ctx, () =>
    lockAndTouchResidents(client, `SELECT resident_id FROM tax_plan UNION SELECT resident_id FROM tax_removed`, []),
  );

  const updated = await client.query(
    `UPDATE "TaxRecord" t SET ${VALUES.map(([c, e]) => `"${c}" = ${e}`).join(", ")}, "updatedAt" = now()
       FROM tax_plan p JOIN ${STAGE} s ON s.line = p.line WHERE t.id = p.tax_id`,
  );
  const inserted = await client.query(
    `INSERT INTO "TaxRecord" (id, "municipalityId", "residentId", "fiscalYear", ${VALUES.map(([c]) => `"${c}"`).join(", ")}, "updatedAt")
     SELECT ${ctx.uuid7}, $1::uuid, p.resident_id, s.fiscal_year, ${VALUES.map(([, e]) => e).join(", ")}, now()
       FROM tax_plan p JOIN ${STAGE} s ON s.line = p.line WHERE p.tax_id IS NULL`,
    m,
  );
  const removed = await client.query(`DELETE FROM "TaxRecord" WHERE id IN (SELECT id FROM tax_removed)`);
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

/** A full load covers the 年度 in the file: their records absent from the file are deleted. */
const FULL_LOAD_REMOVAL = {
  currentSql: `SELECT t.id FROM "TaxRecord" t WHERE t."municipalityId" = $1::uuid AND t."fiscalYear" IN (SELECT DISTINCT fiscal_year FROM ${STAGE})`,
  removedSql: `SELECT t.id, t."residentId" AS resident_id FROM "TaxRecord" t
          WHERE t."municipalityId" = $1::uuid AND t."fiscalYear" IN (SELECT DISTINCT fiscal_year FROM ${STAGE})
            AND NOT EXISTS (SELECT 1 FROM ${STAGE} s JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
                             WHERE r.id = t."residentId" AND s.fiscal_year = t."fiscalYear")`,
};

export const taxFeed: FeedDefinition = {
  feed: "tax",
  columns: TAX_COLUMNS,
  keyColumns: ["residentNo", "fiscalYear"],
  upsertSchema: ZTaxRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZTaxKey,
  stageColumns: STAGE_COLUMNS,
  validate,
  apply,
  fullLoadRemoval: FULL_LOAD_REMOVAL,
};
