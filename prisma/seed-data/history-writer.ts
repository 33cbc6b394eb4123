// Writes the demo's issuance history (history.ts). The rows go in with the rest of the demo data, in the seed's
// transaction and through its connection, in bulk; the derived data (the usage rollups and the monthly reports)
// after the commit, through the same code as the real thing: rebuildUsageRollups (npm run stats:rebuild) for
// each month and runMonthlyReportsJob (the scheduled job) for each finished month, as the app's database role.
// Imports server modules, so the seed loads it with a dynamic import (scripts/lib/run-seed.ts registers the
// "server-only" hook for the command-line start).
import crypto from "node:crypto";
import { systemContext } from "../../server/context";
import { encryptField, FieldContext } from "../../server/crypto/field-encryption";
import type { Prisma } from "../../server/generated/prisma/client";
import { allocateIssuanceNumbers, formatIssuanceNo } from "../../server/issuance/issuance-number";
import { startRenderPool } from "../../server/pdf/render-pool";
import { runMonthlyReportsJob } from "../../server/reports/run-monthly-reports-job";
import { rebuildUsageRollups } from "../../server/stats/rebuild-usage-rollups";
import { addMonths } from "../../lib/months";
import { jst } from "./dates";
import type { IssuanceHistoryPlan } from "./history";
import { ISSUER } from "./plan";
import { MUNICIPALITIES, MUNI_KEYS, type MuniKey } from "./places";

/** The revoked API client every synthetic issuance names: how the history is told from real issuances. */
export const HISTORY_CLIENT = { keyId: "demo-history", name: "デモ履歴（合成データ）" } as const;

const JOB = "demo-history";
const CHUNK = 10_000;

type Tx = Prisma.TransactionClient;

/** Inside the seed's transaction: the API client, the past stops, the issuances and the counter counts. */
export async function writeIssuanceHistory(tx: Tx, history: IssuanceHistoryPlan): Promise<number> {
  const municipalities = await tx.municipality.findMany({ select: { id: true, code: true, pdfRetentionHours: true } });
  const muni = Object.fromEntries(MUNI_KEYS.map((k) => [k, municipalities.find((m) => m.code === MUNICIPALITIES[k].code)!])) as Record<MuniKey, (typeof municipalities)[number]>;
  const residentId = new Map((await tx.resident.findMany({ select: { id: true, municipalityId: true, residentNo: true } })).map((r) => [`${r.municipalityId}/${r.residentNo}`, r.id]));
  const cardId = new Map((await tx.cardCertificate.findMany({ where: { issuer: ISSUER }, select: { id: true, serial: true } })).map((c) => [c.serial, c.id]));
  const admins = new Map((await tx.staffUser.findMany({ where: { role: "municipal_admin" }, select: { id: true, municipalityId: true } })).map((s) => [s.municipalityId, s.id]));

  // Revoked and without scopes, with a secret nobody knows: it can call nothing.
  const client = await tx.apiClient.create({
    data: {
      name: HISTORY_CLIENT.name,
      keyId: HISTORY_CLIENT.keyId,
      municipalityId: null,
      secretCipher: encryptField(crypto.randomBytes(32).toString("base64url"), FieldContext.apiClientSecret).cipher,
      status: "revoked",
      scopes: [],
      createdAt: jst(history.from),
      revokedAt: jst(history.to, 23, 59),
    },
    select: { id: true },
  });

  await tx.serviceStop.createMany({
    data: history.stops.map((s) => ({ municipalityId: muni[s.muni].id, scope: s.scope, startsAt: s.startsAt, endsAt: s.endsAt, notice: s.notice, createdById: admins.get(muni[s.muni].id) ?? null, createdAt: s.createdAt })),
  });

  // 発行番号 from the real sequence, in the order of issue (the history is sorted by renderedAt).
  const numbers = await allocateIssuanceNumbers(tx, history.issuances.length);
  // One multi-row INSERT per chunk, column by column (unnest of arrays): a few statements for tens of thousands
  // of rows. As a completion leaves a row: the PDF deleted when the centre reported the outcome, its hash kept;
  // no 照合番号 (verificationCodeHash null), as none was ever printed.
  const xs = history.issuances;
  for (let i = 0; i < xs.length; i += CHUNK) {
    const part = xs.slice(i, i + CHUNK);
    const col = <T>(f: (x: (typeof xs)[number], j: number) => T) => part.map((x, j) => f(x, i + j));
    const m = (x: (typeof xs)[number]) => muni[x.muni];
    const iso = (d: Date) => d.toISOString();
    await tx.$executeRaw`
      INSERT INTO "Issuance" ("id", "municipalityId", "issuanceNo", "certificateType", "purpose", "cardCertificateId", "requesterResidentId",
                              "subjectDigest", "options", "copies", "feePerCopy", "feeTotal", "status", "apiClientId", "idempotencyKey",
                              "requestHash", "centreTransactionId", "storeChain", "storeCode", "terminalId", "terminalMunicipalityCode",
                              "outOfTown", "pdfExpiresAt", "pdfSha256", "pageCount", "renderedAt", "completedAt", "pdfDeletedAt")
      SELECT * FROM unnest(
        ${col((x) => x.id)}::uuid[], ${col((x) => m(x).id)}::uuid[], ${col((x, j) => formatIssuanceNo(m(x).code, x.renderedAt, numbers[j]))}::text[],
        ${col((x) => x.certificateType)}::"CertificateType"[], ${col((x) => x.purpose)}::"IssuancePurpose"[],
        ${col((x) => cardId.get(x.cardSerial)!)}::uuid[],
        ${col((x) => (x.requesterIsResident ? residentId.get(`${m(x).id}/${x.cardholder.residentNo}`)! : null))}::uuid[],
        ${col((x) => x.subjectDigest)}::text[], ${col((x) => JSON.stringify(x.options))}::jsonb[],
        ${col((x) => x.copies)}::int[], ${col((x) => x.feePerCopy)}::int[], ${col((x) => x.feeTotal)}::int[],
        ${col((x) => x.status)}::"IssuanceStatus"[], ${col(() => client.id)}::uuid[], ${col((x) => x.idempotencyKey)}::text[],
        ${col((x) => x.requestHash)}::text[], ${col((x) => x.centreTransactionId)}::text[], ${col((x) => x.storeChain)}::text[],
        ${col((x) => x.storeCode)}::text[], ${col((x) => x.terminalId)}::text[], ${col((x) => x.terminalMunicipalityCode)}::text[],
        ${col((x) => x.outOfTown)}::boolean[], ${col((x) => iso(new Date(x.renderedAt.getTime() + m(x).pdfRetentionHours * 3_600_000)))}::timestamp(3)[],
        ${col((x) => x.pdfSha256)}::text[], ${col((x) => x.pageCount)}::int[], ${col((x) => iso(x.renderedAt))}::timestamp(3)[],
        ${col((x) => iso(x.completedAt))}::timestamp(3)[], ${col((x) => iso(x.completedAt))}::timestamp(3)[]
      )`;
  }

  await tx.counterIssuanceCount.createMany({ data: history.counterCounts.map((c) => ({ municipalityId: muni[c.muni].id, month: c.month, copies: c.copies })) });
  return xs.length;
}

/**
 * Boots the PDF worker threads (tsx, react-pdf: seconds of CPU each) in the background; the seed calls it
 * before planning and writing the history, so that they are ready when the reports start.
 */
export const startReportRenderers = startRenderPool;

/** Wall time and this process's CPU time (ms) of each step. */
export type DerivedHistory = { rollupMs: number; rollupCpuMs: number; hourlyRows: number; dailyRows: number; reportMs: number; reportCpuMs: number; reports: number };

/**
 * After the commit: the rollups of every month of history, then the finished months' reports as the scheduled
 * job makes them at 01:30 JST on the 1st of the next month. Runs as the app's role (DATABASE_URL).
 */
export async function deriveHistoryStatistics(history: IssuanceHistoryPlan): Promise<DerivedHistory> {
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return Math.round((c.user + c.system) / 1000);
  };
  let started = Date.now();
  let cpu = process.cpuUsage();
  let hourlyRows = 0;
  let dailyRows = 0;
  for (const month of history.months) {
    const r = await rebuildUsageRollups({ ctx: systemContext(JOB), input: { month } });
    hourlyRows += r.hourlyRows;
    dailyRows += r.dailyRows;
  }
  const rollupMs = Date.now() - started;
  const rollupCpuMs = cpuMs(cpu);
  started = Date.now();
  cpu = process.cpuUsage();
  let reports = 0;
  // The PDFs are drawn in the worker pool (one thread a core): four months at a time keep every thread busy
  // while this thread reads the next months' figures and stores the finished files.
  const queue = [...history.reportMonths];
  const lane = async () => {
    for (let month = queue.shift(); month; month = queue.shift()) {
      const r = await runMonthlyReportsJob({ month, now: jst(`${addMonths(month, 1)}-01`, 1, 30) });
      reports += r.generated;
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return { rollupMs, rollupCpuMs, hourlyRows, dailyRows, reportMs: Date.now() - started, reportCpuMs: cpuMs(cpu), reports };
}
