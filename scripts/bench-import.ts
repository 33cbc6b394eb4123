// Import benchmark (docs/benchmarks.md, section "Import"): a fictional 住民・世帯 file of N rows
// (scripts/generate-residents.ts) imported as a full load into an empty municipality, then the same file
// again (idempotent: nothing may change), on a throwaway embedded PostgreSQL.
//
//   npm run bench:import -- [--rows 1000000] [--encoding utf-8|shift_jis] [--file FILE] [--no-reimport] [--json]
//
// Prints wall time per phase, rows/s, and the peak RSS of this process (process.resourceUsage().maxRSS: the
// import runs here; the file is generated in a child process). Without DATABASE_URL a fresh cluster is made
// under /tmp and removed at the end. The target: 1,000,000 rows in ≤ 3 min with peak RSS ≤ 500 MB.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import readline from "node:readline";
import { throughput } from "./lib/bench-stats";
import { clusterTicks, machineTicks, procTicks } from "./lib/proc-stats";
import { enableAppLogin, ensureDatabase, ROOT } from "./lib/database";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { defaultEnv, getEnv, setEnv } from "../server/env";

type Options = { rows: number; encoding: "utf-8" | "shift_jis"; file: string | null; reimport: boolean; json: boolean };

function usage(message?: string): never {
  if (message) console.error(`bench-import: ${message}`);
  console.error("usage: bench-import.ts [--rows N] [--encoding utf-8|shift_jis] [--file FILE] [--no-reimport] [--json]");
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rows: 1_000_000, encoding: "utf-8", file: null, reimport: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case "--rows":
        o.rows = Number(argv[++i]);
        if (!Number.isInteger(o.rows) || o.rows < 1) usage("--rows needs a positive integer");
        break;
      case "--encoding": {
        const v = argv[++i];
        if (v !== "utf-8" && v !== "shift_jis") usage("--encoding is utf-8 or shift_jis");
        o.encoding = v;
        break;
      }
      case "--file":
        o.file = argv[++i] ?? usage("--file needs a path");
        break;
      case "--no-reimport":
        o.reimport = false;
        break;
      case "--json":
        o.json = true;
        break;
      default:
        usage(`unknown argument ${argv[i]}`);
    }
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s: string) => console.error(s);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const secs = (ms: number) => Math.round(ms / 100) / 10;

// ───────────────────────────── CPU accounting (Linux /proc) ─────────────────────────────

// How the machine's CPU time was spent during a run: this process, the PostgreSQL cluster (postmaster and its
// children) and everything else — the machine is shared, so throughput must be read with the "other" share.
type CpuSample = { total: number; idle: number; self: number; pg: number };

function cpuSample(postmasterPid: number | null): CpuSample | null {
  try {
    return { ...machineTicks(), self: procTicks(process.pid), pg: clusterTicks(postmasterPid) };
  } catch {
    return null;
  }
}

function cpuSplit(a: CpuSample | null, b: CpuSample | null) {
  if (!a || !b || b.total === a.total) return null;
  const total = b.total - a.total;
  const busy = total - (b.idle - a.idle);
  const pct = (n: number) => Math.round((n / total) * 1000) / 10;
  const self = b.self - a.self;
  const pg = Math.max(0, b.pg - a.pg);
  return { busyPct: pct(busy), selfPct: pct(self), postgresPct: pct(pg), otherPct: pct(Math.max(0, busy - self - pg)) };
}

// ───────────────────────────── database and environment ─────────────────────────────

let embedded: RunningPostgres | null = null;
let postmasterPid: number | null = null;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-bench-import-"));
fs.chmodSync(tmpDir, 0o755); // the cluster runs as the unprivileged postgres user
if (!getEnv().DATABASE_URL) {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(tmpDir, "data"), persistent: false, fsync: false });
  await ensureDatabase(embedded.url(), "konbini_bench");
  setEnv("DATABASE_URL", embedded.url("konbini_bench"));
  log(`[bench] embedded PostgreSQL on port ${embedded.port} under ${tmpDir}`);
  postmasterPid = embedded.pid();
} else {
  log("[bench] using DATABASE_URL");
}
execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: process.env, stdio: ["ignore", 2, 2] });
defaultEnv("FIELD_ENCRYPTION_KEYS", `bench:${crypto.randomBytes(32).toString("base64")}`);
defaultEnv("FIELD_ENCRYPTION_KEY_ID", "bench");
defaultEnv("NEXTAUTH_SECRET", crypto.randomBytes(36).toString("base64url"));
defaultEnv("LOG_LEVEL", "silent");
// The bench municipality is created as the owner; the import runs as the app role (row-level security).
const ownerUrl = getEnv().DATABASE_URL!;
setEnv("DATABASE_URL", await enableAppLogin(ownerUrl, getEnv().APP_DATABASE_PASSWORD ?? crypto.randomBytes(18).toString("base64url")));

// Loaded after the environment is set (the logger and the Prisma client read it at import time).
const { createDb } = await import("../server/db");
const { systemContext } = await import("../server/context");
const { runImport } = await import("../server/imports/run-import");

const db = createDb(ownerUrl, 4);

async function main() {
  const file = opts.file ?? path.join(tmpDir, opts.encoding === "shift_jis" ? "residents-sjis.csv" : "residents.csv");
  if (!opts.file) {
    const started = Date.now();
    execFileSync(
      process.execPath,
      ["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", "scripts/generate-residents.ts", "--rows", String(opts.rows), "--out", file, "--encoding", opts.encoding],
      { cwd: ROOT, stdio: ["ignore", 2, 2] },
    );
    log(`[bench] generated in ${secs(Date.now() - started)} s`);
  }
  const size = fs.statSync(file).size;
  const municipality = await db.municipality.create({
    data: { code: "131016", name: "ベンチ区", nameKana: "ベンチク", prefecture: "東京都", kind: "ward", mayorTitle: "ベンチ区長", mayorName: "試験 太郎", status: "active" },
  });
  const ctx = systemContext("bench-import", municipality.id);

  async function run(label: string, source = file) {
    const marks: Record<string, number> = {};
    const cpuBefore = cpuSample(postmasterPid);
    const t0 = performance.now();
    let lastLog = 0;
    const result = await runImport({
      ctx,
      municipalityId: municipality.id,
      feed: "residents",
      mode: "full",
      format: "csv",
      encoding: opts.encoding,
      source: "cli",
      input: fs.createReadStream(source, { highWaterMark: 256 * 1024 }),
      fileName: path.basename(source),
      onProgress: (p) => {
        const now = performance.now();
        marks[p.phase] ??= now - t0;
        if (p.phase === "reading" && now - lastLog > 10_000) {
          lastLog = now;
          log(`[bench] ${label}: ${p.rowsRead.toLocaleString()} rows read (${secs(now - t0)} s, rss ${mb(process.memoryUsage().rss)} MB)`);
        }
      },
    });
    const totalMs = performance.now() - t0;
    const cpu = cpuSplit(cpuBefore, cpuSample(postmasterPid));
    if (result.status !== "succeeded") throw new Error(`${label} failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
    const phases = {
      readAndStageS: secs((marks.checking ?? totalMs) - 0),
      checkS: secs((marks.applying ?? totalMs) - (marks.checking ?? 0)),
      applyAndCommitS: secs((marks.done ?? totalMs) - (marks.applying ?? 0)),
    };
    const out = { label, rows: result.rowsTotal, inserted: result.rowsInserted, updated: result.rowsUpdated, removed: result.rowsRemoved, seconds: secs(totalMs), rowsPerSecond: throughput(result.rowsTotal, totalMs / 1000, 0), ...phases, rowsLockedS: result.lockedMs === null ? null : secs(result.lockedMs), cpu };
    log(`[bench] ${label}: ${JSON.stringify(out)}`);
    return out;
  }

  const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
  const loadBefore = load();
  const first = await run("first full load");
  const afterFirstMaxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const second = opts.reimport ? await run("same file again") : null;
  if (second && (second.inserted || second.updated || second.removed)) throw new Error("the re-import changed rows");
  // A nightly full load where 1 % of the residents changed (名 rewritten on every 100th row): the apply
  // phase is the window in which the changed rows are locked.
  let third: Awaited<ReturnType<typeof run>> | null = null;
  if (opts.reimport && opts.encoding === "utf-8" && !opts.file) {
    const changed = path.join(tmpDir, "residents-1pct.csv");
    await writeChangedCopy(file, changed, 100);
    third = await run("1% changed", changed);
    if (third.updated !== Math.floor(first.rows / 100)) throw new Error(`expected ${Math.floor(first.rows / 100)} updated rows, got ${third.updated}`);
  }
  const residents = await db.resident.count({ where: { municipalityId: municipality.id } });
  if (residents !== first.rows) throw new Error(`expected ${first.rows} residents, found ${residents}`);
  const report = {
    rows: first.rows,
    fileMB: mb(size),
    encoding: opts.encoding,
    firstLoad: first,
    reimport: second,
    onePercentChanged: third,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    peakRssAfterFirstLoadMB: afterFirstMaxRssMb,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    node: process.version,
    database: embedded ? "embedded PostgreSQL 18 (fsync=off), same machine" : "DATABASE_URL",
  };
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`rows ${report.rows.toLocaleString()} (${report.fileMB} MB ${report.encoding})`);
    const split = (c: ReturnType<typeof cpuSplit>) => (c ? `; CPU of 2 cores: import ${c.selfPct}%, PostgreSQL ${c.postgresPct}%, other processes ${c.otherPct}%` : "");
    console.log(`first full load: ${first.seconds} s (${first.rowsPerSecond.toLocaleString()} rows/s; read+validate+stage ${first.readAndStageS} s, checks ${first.checkS} s, apply+commit ${first.applyAndCommitS} s${split(first.cpu)})`);
    if (second) console.log(`re-import (no changes): ${second.seconds} s (${second.rowsPerSecond.toLocaleString()} rows/s${split(second.cpu)})`);
    if (third) console.log(`full load with 1% changed: ${third.seconds} s (${third.updated.toLocaleString()} updated; apply+commit ${third.applyAndCommitS} s, of which changed rows locked ${third.rowsLockedS} s${split(third.cpu)})`);
    console.log(`peak RSS ${report.peakRssMB} MB; load average before ${loadBefore.join(" ")}, after ${report.loadAverageAfter.join(" ")}; ${report.cpus} × ${report.cpuModel}`);
  }
}

/** A copy of the generated CSV with 名 (5th column; generated rows have no quoted fields) changed on every n-th row. */
async function writeChangedCopy(from: string, to: string, every: number) {
  const out = fs.createWriteStream(to);
  const lines = readline.createInterface({ input: fs.createReadStream(from), crlfDelay: Infinity });
  let i = -1;
  for await (const line of lines) {
    i++;
    let text = line;
    if (i > 0 && i % every === 0) {
      const f = line.split(",");
      f[4] = `${f[4]}改`;
      text = f.join(",");
    }
    if (!out.write(`${text}\r\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

try {
  await main();
} finally {
  await db.$disconnect().catch(() => undefined);
  await embedded?.stop();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
