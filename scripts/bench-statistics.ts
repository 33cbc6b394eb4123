// Statistics benchmark (docs/benchmarks.md): N printed/cancelled/failed issuances generated set-based
// (generate_series) straight into "Issuance", the rollups rebuilt from them in one pass, then the statistics
// verbs timed against the rollups.
//
//   npm run bench:statistics                       10,000,000 issuances, 20 municipalities, 25 months
//   npm run bench:statistics -- --rows 1000000     a smaller run for iteration
//
// --rows N            issuances (default 10000000)
// --municipalities M  municipalities (default 20)
// --months K          months ending with --last (default 25, so "same month last year" has data)
// --last YYYY-MM      the month measured (default 2026-11; a fee change on its 15th splits the seal fee)
// --iterations I      timed calls per verb after 3 warm-up calls (default 30)
// --json              one JSON object on stdout (progress on stderr)
//
// Without DATABASE_URL a throwaway embedded PostgreSQL is started under /tmp and removed at the end.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { addMonths, monthDays } from "../lib/months";
import { municipalityCheckDigit } from "../lib/municipality-code";
import { percentile, round } from "./lib/bench-stats";
import { enableAppLogin, ensureDatabase, migrateAll, ROOT } from "./lib/database";
import { installJobSchema } from "./lib/job-schema";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { defaultEnv, getEnv, setEnv } from "../server/env";

type Options = { rows: number; municipalities: number; months: number; last: string; iterations: number; json: boolean };

function parseArgs(argv: string[]): Options {
  const o: Options = { rows: 10_000_000, municipalities: 20, months: 25, last: "2026-11", iterations: 30, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive integer`);
      return n;
    };
    if (a === "--rows") o.rows = int();
    else if (a === "--municipalities") o.municipalities = int();
    else if (a === "--months") o.months = int();
    else if (a === "--iterations") o.iterations = int();
    else if (a === "--last") o.last = argv[++i];
    else if (a === "--json") o.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.last)) throw new Error("--last needs YYYY-MM");
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s: string) => (opts.json ? console.error(s) : console.log(s));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let embedded: RunningPostgres | null = null;
let tmpDir: string | null = null;
async function cleanup() {
  await embedded?.stop().catch(() => undefined);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  if (!getEnv().DATABASE_URL) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-bench-stats-"));
    fs.chmodSync(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmpDir, "data"), persistent: false, fsync: false });
    await ensureDatabase(embedded.url(), "konbini_bench");
    setEnv("DATABASE_URL", embedded.url("konbini_bench"));
    log(`[bench] embedded PostgreSQL (fsync=off: a throwaway cluster) on port ${embedded.port} under ${tmpDir}`);
  } else {
    log("[bench] using DATABASE_URL");
  }
  if (opts.json) {
    // Prisma's report goes to stderr: stdout carries only the JSON.
    execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: process.env, stdio: ["ignore", 2, 2] });
    await installJobSchema(getEnv().DATABASE_URL!);
  } else {
    await migrateAll(getEnv().DATABASE_URL!);
  }
  defaultEnv("FIELD_ENCRYPTION_KEYS", `bench:${crypto.randomBytes(32).toString("base64")}`);
  defaultEnv("FIELD_ENCRYPTION_KEY_ID", "bench");
  defaultEnv("NEXTAUTH_SECRET", crypto.randomBytes(36).toString("base64url"));
  defaultEnv("LOG_LEVEL", "silent");

  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q("SET synchronous_commit = off");
  await q("SET maintenance_work_mem = '256MB'");

  // ── fixtures: municipalities, one cardholder each, one API client ──
  const muniIds: string[] = [];
  const cardIds: string[] = [];
  for (let i = 0; i < opts.municipalities; i++) {
    const first5 = `98${String(100 + i).padStart(3, "0")}`;
    const code = first5 + municipalityCheckDigit(first5);
    const m = await q(
      `INSERT INTO "Municipality" (id, code, name, "nameKana", prefecture, kind, "mayorTitle", "mayorName", status, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'ベンチシ', 'ベンチ県', 'city', $3, '計測 太郎', 'active', now())
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [code, `ベンチ市${i + 1}`, `ベンチ市${i + 1}長`],
    );
    const mid = m.rows[0].id as string;
    const h = await q(`INSERT INTO "Household" (id, "municipalityId", "householdNo", address, "updatedAt") VALUES (gen_random_uuid(), $1, 'BENCH', 'ベンチ県ベンチ市1番地', now()) ON CONFLICT ("municipalityId", "householdNo") DO UPDATE SET address = EXCLUDED.address RETURNING id`, [mid]);
    const r = await q(
      `INSERT INTO "Resident" (id, "municipalityId", "householdId", "residentNo", "familyName", "givenName", "familyNameKana", "givenNameKana", "dateOfBirth", sex, relationship, "becameResidentOn", "addressSetOn", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'BENCH', '計測', '一郎', 'ケイソク', 'イチロウ', '1980-04-01', 'male', '世帯主', '2008-05-10', '2020-03-01', now())
       ON CONFLICT ("municipalityId", "residentNo") DO UPDATE SET "givenName" = EXCLUDED."givenName" RETURNING id`,
      [mid, h.rows[0].id],
    );
    const c = await q(
      `INSERT INTO "CardCertificate" (id, "municipalityId", "residentId", serial, issuer, "validFrom", "validUntil", "cardIssuedOn", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'JPKI', '2024-01-01', '2029-01-01', '2024-01-01', now())
       ON CONFLICT (issuer, serial) DO UPDATE SET status = 'active' RETURNING id`,
      [mid, r.rows[0].id, `BENCH-${code}`],
    );
    muniIds.push(mid);
    cardIds.push(c.rows[0].id);
  }
  const api = await q(`INSERT INTO "ApiClient" (id, name, "keyId", "secretCipher") VALUES (gen_random_uuid(), 'bench', $1, 'x') RETURNING id`, [`bench-${crypto.randomBytes(4).toString("hex")}`]);
  const apiId = api.rows[0].id as string;

  // ── issuances, set-based, one month per statement ──
  const secondary = await q(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Issuance' AND indexname <> 'Issuance_pkey'`);
  for (const r of secondary.rows) await q(`DROP INDEX "${r.indexname}"`);
  const first = addMonths(opts.last, -(opts.months - 1));
  const perMonth = Math.floor(opts.rows / opts.months);
  const tInsert = Date.now();
  for (let k = 0; k < opts.months; k++) {
    const month = addMonths(first, k);
    const n = k === opts.months - 1 ? opts.rows - perMonth * (opts.months - 1) : perMonth;
    const { days } = monthDays(month);
    const started = Date.now();
    // Per row: a municipality and its card, a type, a chain, 30% out of town, 1–2 copies, a JST time between
    // 06:30 and 23:00, 90% printed / 7% cancelled / 3% failed. The seal fee changes from 300 to 350 on the
    // 15th of the last month.
    await q(
      `INSERT INTO "Issuance" (id, "municipalityId", "issuanceNo", "certificateType", purpose, "cardCertificateId", "subjectDigest", options,
                               copies, "feePerCopy", "feeTotal", status, "apiClientId", "idempotencyKey", "requestHash", "centreTransactionId",
                               "storeChain", "storeCode", "terminalId", "outOfTown", "pdfExpiresAt", "pdfSha256", "pageCount", "renderedAt",
                               "completedAt", "pdfDeletedAt", timings)
       SELECT gen_random_uuid(), ($1::uuid[])[mi], 'B' || $4 || '-' || g, t.type, 'residence', ($2::uuid[])[mi], '', '{}',
              x.copies, f.fee, x.copies * f.fee, x.status::"IssuanceStatus", $3::uuid, $4 || '-' || g, '', '',
              (ARRAY['seven-eleven','lawson','familymart','ministop','seicomart'])[1 + (g * 31 % 5)], '0001', 'T1', x.oot, x.ts, '', 1, x.ts - interval '1 minute',
              CASE WHEN x.status = 'rendered' THEN NULL ELSE x.ts END, x.ts, '{}'
       FROM generate_series(1, $5::int) g
       CROSS JOIN LATERAL (SELECT 1 + (g % $6::int) AS mi, random() AS r1, random() AS r2, floor(random() * $7::int)::int AS d, 390 + floor(random() * 990)::int AS minute) p
       CROSS JOIN LATERAL (SELECT (ARRAY['residence','residence','residence','seal','seal','tax_income','tax_income_assessment','koseki_full','koseki_fuhyo','residence_entry'])[1 + floor(p.r1 * 10)::int]::"CertificateType" AS type) t
       CROSS JOIN LATERAL (SELECT CASE WHEN t.type = 'seal' AND $4 = $8 AND p.d >= 14 THEN 350 WHEN t.type IN ('koseki_full','koseki_fuhyo') THEN 400 ELSE 300 END AS fee) f
       CROSS JOIN LATERAL (SELECT 1 + (p.r2 < 0.2)::int AS copies, (p.r2 * 1000)::int % 10 < 3 AS oot,
                                  CASE WHEN p.r2 < 0.9 THEN 'printed' WHEN p.r2 < 0.97 THEN 'cancelled' ELSE 'failed' END AS status,
                                  ($4 || '-01')::timestamp - interval '9 hours' + p.d * interval '1 day' + p.minute * interval '1 minute' AS ts) x`,
      [muniIds, cardIds, apiId, month, n, opts.municipalities, days, opts.last],
    );
    log(`[bench] ${month}: ${n.toLocaleString("en")} issuances in ${secs(Date.now() - started)}`);
  }
  const insertMs = Date.now() - tInsert;
  const tIdx = Date.now();
  for (const r of secondary.rows) await q(r.indexdef);
  const indexMs = Date.now() - tIdx;
  log(`[bench] issuances: ${opts.rows.toLocaleString("en")} in ${secs(insertMs)}; secondary indexes rebuilt in ${secs(indexMs)}`);

  // ── rollups from the issuances (the same SQL as rebuildUsageRollups, every month in one pass) ──
  const tRoll = Date.now();
  await q(`DELETE FROM "UsageHourly"`);
  await q(`DELETE FROM "UsageDaily"`);
  await q(`INSERT INTO "UsageHourly" ("municipalityId", "day", "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy", "count", "copies", "feeTotal")
           SELECT "municipalityId", ("completedAt" + interval '9 hours')::date, extract(hour from "completedAt" + interval '9 hours')::smallint,
                  "certificateType", "storeChain", "outOfTown", "feePerCopy", count(*)::int, sum(copies)::int, sum("feeTotal")::int
           FROM "Issuance" WHERE status = 'printed' GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  await q(`INSERT INTO "UsageDaily" ("municipalityId", "day", "certificateType", "storeChain", "outOfTown", "count", "copies", "feeTotal")
           SELECT "municipalityId", "day", "certificateType", "storeChain", "outOfTown", sum("count")::int, sum(copies)::int, sum("feeTotal")::int
           FROM "UsageHourly" GROUP BY 1, 2, 3, 4, 5`);
  await q(`VACUUM ANALYZE "UsageHourly"`);
  await q(`VACUUM ANALYZE "UsageDaily"`);
  await q(`ANALYZE "Issuance"`);
  const rollupMs = Date.now() - tRoll;
  const counts = (await q(`SELECT (SELECT count(*) FROM "Issuance")::bigint AS issuances, (SELECT count(*) FROM "Issuance" WHERE status = 'printed')::bigint AS printed,
                                   (SELECT count(*) FROM "UsageHourly")::bigint AS hourly, (SELECT count(*) FROM "UsageDaily")::bigint AS daily,
                                   pg_size_pretty(pg_total_relation_size('"Issuance"')) AS issuance_size, pg_size_pretty(pg_total_relation_size('"UsageHourly"')) AS hourly_size`)).rows[0];
  log(`[bench] rollups rebuilt in ${secs(rollupMs)}: ${counts.hourly} hourly rows, ${counts.daily} daily rows (Issuance ${counts.issuance_size}, UsageHourly ${counts.hourly_size})`);
  await client.end();
  // The timed verbs run as the app role, under row-level security like the server (the load above is the owner's).
  setEnv("DATABASE_URL", await enableAppLogin(getEnv().DATABASE_URL!, getEnv().APP_DATABASE_PASSWORD ?? crypto.randomBytes(18).toString("base64url")));

  // ── the verbs ──
  const [{ getUsageStatistics }, { getSettlement }, { rebuildUsageRollups }, { generateMonthlyReport }, { systemContext }, { getDb }] = await Promise.all([
    import("../server/stats/get-usage-statistics"),
    import("../server/settlement/get-settlement"),
    import("../server/stats/rebuild-usage-rollups"),
    import("../server/reports/generate-monthly-report"),
    import("../server/context"),
    import("../server/db"),
  ]);
  const operator = { actor: { type: "staff" as const, id: crypto.randomUUID(), role: "operator" as const, municipalityId: null }, municipalityId: null, requestId: "bench" };
  const municipal = { actor: { type: "staff" as const, id: crypto.randomUUID(), role: "clerk" as const, municipalityId: muniIds[0] }, municipalityId: muniIds[0], requestId: "bench" };

  async function time(name: string, fn: () => Promise<unknown>) {
    for (let i = 0; i < 3; i++) await fn();
    const ms: number[] = [];
    for (let i = 0; i < opts.iterations; i++) {
      const s = process.hrtime.bigint();
      await fn();
      ms.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    ms.sort((a, b) => a - b);
    const r = { name, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(ms[ms.length - 1]) };
    log(`[bench] ${name.padEnd(52)} p50 ${r.p50} ms  p95 ${r.p95} ms  max ${r.max} ms`);
    return r;
  }
  const timings = [
    await time("statistics, one municipality (municipal staff)", () => getUsageStatistics({ ctx: municipal, input: { month: opts.last } })),
    await time("statistics, all municipalities + comparison (operator)", () => getUsageStatistics({ ctx: operator, input: { month: opts.last } })),
    await time("settlement, one municipality", () => getSettlement({ ctx: municipal, input: { month: opts.last } })),
  ];
  const check = await getUsageStatistics({ ctx: municipal, input: { month: opts.last } });
  log(`[bench] ${opts.last} for municipality 1: ${check.totals.count.toLocaleString("en")} printed issuances, ${check.byFee.length} type×fee rows`);

  const tRebuild = Date.now();
  const rebuilt = await rebuildUsageRollups({ ctx: systemContext("bench"), input: { month: opts.last } });
  const rebuildMs = Date.now() - tRebuild;
  log(`[bench] rebuildUsageRollups(${opts.last}, all municipalities): ${secs(rebuildMs)} (${rebuilt.hourlyRows} hourly rows)`);
  const tReport = Date.now();
  await generateMonthlyReport({ ctx: systemContext("bench", muniIds[0]), input: { month: opts.last } });
  const reportMs = Date.now() - tReport;
  log(`[bench] generateMonthlyReport (PDF + 2 CSV), one municipality: ${reportMs} ms`);
  await getDb().$disconnect();

  const result = { rows: opts.rows, municipalities: opts.municipalities, months: opts.months, month: opts.last, insertMs, indexMs, rollupMs, counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])), timings, rebuildMs, reportMs, cpus: os.cpus().length };
  if (opts.json) console.log(JSON.stringify(result));
} catch (e) {
  console.error("[bench] failed:", e);
  process.exitCode = 1;
} finally {
  await cleanup();
}
