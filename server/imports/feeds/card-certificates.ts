import "server-only";
import { z } from "zod";
import { code, date, instant, oneOfOr, optDate, optInstant } from "../columns";
import { duplicateErrors, lineErrors, lockAndTouchResidents, lockRows, STAGE, withEligibilityGate } from "../sql";
import type { ColumnDef, FeedContext, FeedDefinition, ImportCounts, StageColumn } from "../types";

// 電子証明書シリアル番号 ↔ 住民: the only way a kiosk request selects a person. Key: 発行者 + シリアル番号
// (unique across the whole instance, so a serial registered to another municipality is refused, never
// taken over). A certificate is never deleted (issuances refer to it): removal means 失効 (revoked).
// Issuance locks the card, then the household's residents: so does this import.

export const CARD_COLUMNS: readonly ColumnDef[] = [
  { key: "issuer", label: "発行者", required: false },
  { key: "serial", label: "シリアル番号", required: true },
  { key: "residentNo", label: "住民番号", required: true },
  { key: "kind", label: "種別", required: false },
  { key: "status", label: "状態", required: false },
  { key: "validFrom", label: "有効期間開始", required: true },
  { key: "validUntil", label: "有効期間満了", required: true },
  { key: "revokedAt", label: "失効日時", required: false },
  { key: "cardIssuedOn", label: "交付日", required: true },
  { key: "pinChangedOn", label: "暗証番号変更日", required: false },
];

const KIND = { card: "card", smartphone: "smartphone", カード: "card", スマートフォン: "smartphone", スマホ: "smartphone" } as const;
const STATUS = { active: "active", suspended: "suspended", revoked: "revoked", 有効: "active", 一時停止: "suspended", 失効: "revoked" } as const;

const issuer = () => z.string().transform((s) => (s === "" ? "JPKI" : s)).pipe(code(40));

const ZCardRow = z
  .object({
    issuer: issuer(),
    serial: code(64),
    residentNo: code(20),
    kind: oneOfOr(KIND, "カード・スマートフォン（card・smartphone）", "card"),
    status: oneOfOr(STATUS, "有効・一時停止・失効（active・suspended・revoked）", "active"),
    validFrom: instant(),
    validUntil: instant(),
    revokedAt: optInstant(),
    cardIssuedOn: date(),
    pinChangedOn: optDate(),
  })
  .superRefine((r, ctx) => {
    if (r.validUntil <= r.validFrom) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "有効期間満了は有効期間開始より後にしてください。" });
  });

const ZCardKey = z.object({ issuer: issuer(), serial: code(64) });

const STAGE_COLUMNS: readonly StageColumn[] = [
  { name: "issuer", type: "text", value: (r) => r.issuer },
  { name: "serial", type: "text", value: (r) => r.serial },
  { name: "resident_no", type: "text", value: (r) => r.residentNo },
  { name: "kind", type: "text", value: (r) => r.kind },
  { name: "status", type: "text", value: (r) => r.status },
  { name: "valid_from", type: "timestamptz", value: (r) => r.validFrom },
  { name: "valid_until", type: "timestamptz", value: (r) => r.validUntil },
  { name: "revoked_at", type: "timestamptz", value: (r) => r.revokedAt },
  { name: "card_issued_on", type: "date", value: (r) => r.cardIssuedOn },
  { name: "pin_changed_on", type: "date", value: (r) => r.pinChangedOn },
];

// Timestamps are timestamp(3) without time zone holding UTC (as Prisma writes them).
const utc = (e: string) => `(${e} AT TIME ZONE 'UTC')::timestamp(3)`;
const VALUES: ReadonlyArray<readonly [string, string]> = [
  ["kind", `s.kind::"CardCertificateKind"`],
  ["status", `s.status::"CardCertificateStatus"`],
  ["validFrom", utc("s.valid_from")],
  ["validUntil", utc("s.valid_until")],
  ["revokedAt", utc("s.revoked_at")],
  ["cardIssuedOn", "s.card_issued_on"],
  ["pinChangedOn", "s.pin_changed_on"],
];

async function validate(ctx: FeedContext) {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  const duplicates = await duplicateErrors(client, "シリアル番号", ["issuer", "serial"], "発行者とシリアル番号の組");
  const residents = await lineErrors(
    client,
    "住民番号",
    `SELECT s.line, '住民番号に当たる住民が登録されていません（先に住民データを取り込んでください）。' AS message FROM ${STAGE} s
      WHERE s.op = 'upsert' AND NOT EXISTS (SELECT 1 FROM "Resident" r WHERE r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no)`,
    m,
  );
  const foreign = await lineErrors(
    client,
    "シリアル番号",
    `SELECT s.line, 'この電子証明書は他の自治体の住民に登録されています。転出元での失効・削除を確認してください。' AS message FROM ${STAGE} s
      WHERE card_certificate_held_elsewhere(s.issuer, s.serial, $1::uuid)`, // another tenant's row: invisible under RLS
    m,
  );
  return [...duplicates, ...residents, ...foreign];
}

async function apply(ctx: FeedContext): Promise<ImportCounts> {
  const { client } = ctx;
  const m = [ctx.municipalityId];
  await client.query(
    `CREATE TEMP TABLE card_plan ON COMMIT DROP AS
     SELECT s.line, c.id AS card_id, c."residentId" AS old_resident_id, r.id AS resident_id
       FROM ${STAGE} s
       JOIN "Resident" r ON r."municipalityId" = $1::uuid AND r."residentNo" = s.resident_no
       LEFT JOIN "CardCertificate" c ON c.issuer = s.issuer AND c.serial = s.serial AND c."municipalityId" = $1::uuid
      WHERE s.op = 'upsert'
        AND (c.id IS NULL OR ROW(c."residentId", ${VALUES.map(([col]) => `c."${col}"`).join(", ")}) IS DISTINCT FROM ROW(r.id, ${VALUES.map(([, e]) => e).join(", ")}))`,
    m,
  );
  const removedSql =
    ctx.mode === "full"
      ? FULL_LOAD_REMOVAL.removedSql
      : `SELECT c.id, c."residentId" AS resident_id FROM ${STAGE} s
           JOIN "CardCertificate" c ON c.issuer = s.issuer AND c.serial = s.serial AND c."municipalityId" = $1::uuid
          WHERE s.op = 'remove' AND c.status <> 'revoked'`;
  await client.query(`CREATE TEMP TABLE card_removed ON COMMIT DROP AS ${removedSql}`, m);

  // Cards first, then their holders — the order issuance takes them in.
  await withEligibilityGate(ctx, async () => {
    await lockRows(client, "CardCertificate", `SELECT card_id FROM card_plan WHERE card_id IS NOT NULL UNION SELECT id FROM card_removed`, []);
    await lockAndTouchResidents(
      client,
      `SELECT resident_id FROM card_plan UNION SELECT old_resident_id FROM card_plan WHERE old_resident_id IS NOT NULL UNION SELECT resident_id FROM card_removed`,
      [],
    );
  });

  const updated = await client.query(
    `UPDATE "CardCertificate" c SET "residentId" = p.resident_id, ${VALUES.map(([col, e]) => `"${col}" = ${e}`).join(", ")}, "updatedAt" = now()
       FROM card_plan p JOIN ${STAGE} s ON s.line = p.line WHERE c.id = p.card_id`,
  );
  const inserted = await client.query(
    `INSERT INTO "CardCertificate" (id, "municipalityId", "residentId", issuer, serial, ${VALUES.map(([col]) => `"${col}"`).join(", ")}, "updatedAt")
     SELECT ${ctx.uuid7}, $1::uuid, p.resident_id, s.issuer, s.serial, ${VALUES.map(([, e]) => e).join(", ")}, now()
       FROM card_plan p JOIN ${STAGE} s ON s.line = p.line WHERE p.card_id IS NULL`,
    m,
  );
  const removed = await client.query(
    `UPDATE "CardCertificate" SET status = 'revoked', "revokedAt" = COALESCE("revokedAt", now()), "updatedAt" = now()
      WHERE id IN (SELECT id FROM card_removed)`,
  );
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

/** A full load revokes the certificates not yet revoked and absent from the file. */
const FULL_LOAD_REMOVAL = {
  currentSql: `SELECT c.id FROM "CardCertificate" c WHERE c."municipalityId" = $1::uuid AND c.status <> 'revoked'`,
  removedSql: `SELECT c.id, c."residentId" AS resident_id FROM "CardCertificate" c
          WHERE c."municipalityId" = $1::uuid AND c.status <> 'revoked'
            AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE s.issuer = c.issuer AND s.serial = c.serial)`,
};

export const cardCertificatesFeed: FeedDefinition = {
  feed: "card_certificates",
  columns: CARD_COLUMNS,
  keyColumns: ["issuer", "serial"],
  upsertSchema: ZCardRow as z.ZodType<Record<string, unknown>>,
  removeSchema: ZCardKey,
  stageColumns: STAGE_COLUMNS,
  validate,
  apply,
  fullLoadRemoval: FULL_LOAD_REMOVAL,
};
