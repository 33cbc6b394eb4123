// Issuance benchmark and cross-delivery proof (DOMAIN.md §6 at scale; results in docs/benchmarks.md).
//
//   node --import ./scripts/lib/register-server-only.mjs --import tsx scripts/bench-issuance.ts --proof 10000
//   node --import ./scripts/lib/register-server-only.mjs --import tsx scripts/bench-issuance.ts --latency
//
// --proof [N]        N issuances (default 10000) at --concurrency C (default 64) with random 0–25 ms delays
//                    at the render and database steps (as tests/integration/issuance-concurrency.test.ts);
//                    every PDF is read back (pdf.js, in a verification thread) and must name its own requester
//                    and no other resident, carry its own 発行番号 on every page and its issuance id in the
//                    keywords; numbers and ids must be unique and the database must hold exactly N rows.
// --latency          concurrency 1, 8 and 32 (--levels), warm-up then K = 100, 400, 800 (or --count K)
//                    issuances without injected delays: p50/p95/p99/max latency, throughput, time per step.
// --residents R      residents to create (default 240, at most 240: the distinct-name grid)
// --timeout-ms T     issuance deadline (default 180000, as the concurrency test)
// --verify-workers V verification threads in proof mode (default 1)
// --json             print one JSON object on stdout (progress stays on stderr)
//
// Without DATABASE_URL a throwaway embedded PostgreSQL is started under a fresh /tmp directory and removed
// at the end. The data is synthetic (scripts/lib/bench-data.ts) and created in this run.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { decryptBytes, FieldContext } from "../server/crypto/field-encryption";
import { benchIssueBody, createBenchData, MAX_RESIDENTS, type BenchPerson } from "./lib/bench-data";
import { round, summarize, table, throughput } from "./lib/bench-stats";
import { CLK_TCK, clusterTicks, machineTicks, procTicks } from "./lib/proc-stats";
import { enableAppLogin, ensureDatabase, migrateDeploy, ROOT } from "./lib/database";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { defaultEnv, getEnv, setEnv } from "../server/env";

/** 2026-11-27 (Friday) 10:00 JST: inside the default service hours. */
const NOW = new Date("2026-11-27T10:00:00+09:00");
const STEPS = ["claim", "eligibility", "number", "build", "render", "verify", "record", "audit"] as const;
type Step = (typeof STEPS)[number];

// ───────────────────────────── arguments ─────────────────────────────

type Options = {
  proof: number | null;
  latency: boolean;
  concurrency: number;
  count: number | null;
  levels: number[];
  residents: number;
  timeoutMs: number;
  verifyWorkers: number;
  json: boolean;
};

function usage(message?: string): never {
  if (message) console.error(`bench-issuance: ${message}`);
  console.error("usage: bench-issuance.ts [--proof [N]] [--latency] [--concurrency C] [--count K] [--levels 1,8,32] [--residents R] [--timeout-ms T] [--verify-workers V] [--json]");
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { proof: null, latency: false, concurrency: 64, count: null, levels: [1, 8, 32], residents: 240, timeoutMs: 180_000, verifyWorkers: 1, json: false };
  const int = (v: string | undefined, flag: string) => {
    const n = Number(v);
    if (!v || !Number.isInteger(n) || n < 1) usage(`${flag} needs a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--proof":
        if (argv[i + 1] && /^\d+$/.test(argv[i + 1])) o.proof = int(argv[++i], a);
        else o.proof = 10_000;
        break;
      case "--latency":
        o.latency = true;
        break;
      case "--concurrency":
        o.concurrency = int(argv[++i], a);
        break;
      case "--count":
        o.count = int(argv[++i], a);
        break;
      case "--levels":
        o.levels = (argv[++i] ?? "").split(",").map((s) => int(s.trim(), a));
        break;
      case "--residents":
        o.residents = int(argv[++i], a);
        break;
      case "--timeout-ms":
        o.timeoutMs = int(argv[++i], a);
        break;
      case "--verify-workers":
        o.verifyWorkers = int(argv[++i], a);
        break;
      case "--json":
        o.json = true;
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  if (o.proof === null && !o.latency) usage("choose --proof [N] and/or --latency");
  if (o.residents < 200 || o.residents > MAX_RESIDENTS) usage(`--residents must be between 200 and ${MAX_RESIDENTS}`);
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s: string) => console.error(s);

// ───────────────────────────── helpers ─────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Runs fn(0..count-1) with at most `concurrency` in flight. */
async function runPool(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        await fn(i);
      }
    }),
  );
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : String(e);
}

// ───────────────────────────── CPU accounting (Linux /proc) ─────────────────────────────

// Shared machines are noisy: each measured phase reports how the cores were spent, in percent of one core,
// by this process (all its threads), by the PostgreSQL cluster (postmaster and its backends, when
// embedded) and by everything else. Elsewhere than Linux the numbers are left out.
type CpuSample = { total: number; idle: number; self: number; pg: number; at: number };

function cpuSample(postmasterPid: number | null): CpuSample | null {
  try {
    return { ...machineTicks(), self: procTicks(process.pid), pg: clusterTicks(postmasterPid), at: performance.now() };
  } catch {
    return null;
  }
}

function cpuShare(a: CpuSample | null, b: CpuSample | null) {
  if (!a || !b) return null;
  const cores = os.availableParallelism();
  const total = b.total - a.total || 1;
  const busy = (100 * cores * (total - (b.idle - a.idle))) / total;
  const seconds = (b.at - a.at) / 1000;
  const self = (100 * (b.self - a.self)) / CLK_TCK / seconds;
  const pg = (100 * (b.pg - a.pg)) / CLK_TCK / seconds;
  return { cores, busy: Math.round(busy), benchProcess: Math.round(self), postgres: Math.round(pg), other: Math.max(0, Math.round(busy - self - pg)) };
}

// ───────────────────────────── verification threads ─────────────────────────────

type VerifyJob = { issuanceId: string; issuanceNo: string; name: string; sha256: string; pageCount: number; pdf: Uint8Array };
type VerifyOutcome =
  | { ok: true; ownName: boolean; others: string[]; pageCount: number; pagesWithoutNo: number; keywordsOk: boolean; sha256Ok: boolean; extractMs: number }
  | { ok: false; error: string };

// An eval'd CommonJS worker: loads extractPdf (server/pdf/render-certificate.tsx) through tsx, like the
// render pool's worker-boot.mjs, and checks one PDF per message. Only the verdict travels back.
const VERIFY_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const crypto = require("node:crypto");
const squash = (s) => s.replace(/\\s+/g, "");
(async () => {
  const { tsImport } = await import(workerData.tsxApi);
  const { extractPdf } = await tsImport(workerData.module, workerData.parentUrl);
  const names = workerData.names;
  parentPort.on("message", async (m) => {
    const started = performance.now();
    try {
      const pdf = new Uint8Array(m.pdf);
      const sha256Ok = crypto.createHash("sha256").update(pdf).digest("hex") === m.sha256;
      const text = await extractPdf(pdf);
      const joined = text.pageTexts.join("");
      const no = squash(m.issuanceNo);
      parentPort.postMessage({ id: m.id, outcome: {
        ok: true,
        ownName: joined.includes(m.name),
        others: names.filter((n) => n !== m.name && joined.includes(n)),
        pageCount: text.pageCount,
        pagesWithoutNo: text.pageTexts.filter((p) => !p.includes(no)).length,
        keywordsOk: text.keywords.includes("issuance-id:" + m.issuanceId),
        sha256Ok,
        extractMs: performance.now() - started,
      } });
    } catch (e) {
      parentPort.postMessage({ id: m.id, outcome: { ok: false, error: String((e && e.message) || e) } });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => parentPort.postMessage({ fatal: String((e && e.stack) || e) }));
`;

class Verifier {
  private workers: Array<{ worker: Worker; inflight: number }> = [];
  private pending = new Map<number, (o: VerifyOutcome) => void>();
  private waiters: Array<() => void> = [];
  private seq = 0;
  private broken: string | null = null;
  inflight = 0;

  constructor(
    threads: number,
    names: string[],
    private readonly maxInflight: number,
  ) {
    const workerData = {
      tsxApi: import.meta.resolve("tsx/esm/api"),
      module: pathToFileURL(path.join(ROOT, "server", "pdf", "render-certificate.tsx")).href,
      parentUrl: pathToFileURL(ROOT + path.sep).href,
      names,
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(VERIFY_WORKER, { eval: true, workerData });
      const slot = { worker, inflight: 0 };
      worker.on("message", (m: { id?: number; outcome?: VerifyOutcome; fatal?: string }) => {
        if (m.fatal) return this.fail(m.fatal);
        if (m.id === undefined || !m.outcome) return;
        slot.inflight--;
        this.inflight--;
        this.pending.get(m.id)?.(m.outcome);
        this.pending.delete(m.id);
        this.waiters.splice(0).forEach((w) => w());
      });
      worker.on("error", (e) => this.fail(e.stack ?? e.message));
      this.workers.push(slot);
    }
  }

  /** A verification thread died: every pending check fails, and so does every later submit. */
  private fail(reason: string) {
    this.broken ??= `verification thread failed: ${reason}`;
    for (const done of this.pending.values()) done({ ok: false, error: this.broken });
    this.pending.clear();
    this.inflight = 0;
    for (const w of this.workers) w.inflight = 0;
    this.waiters.splice(0).forEach((w) => w());
  }

  /** Waits for queue space (backpressure on the issuers), then queues the check; `done` gets the outcome. */
  async submit(job: VerifyJob, done: (o: VerifyOutcome) => void): Promise<void> {
    while (this.inflight >= this.maxInflight && !this.broken) await new Promise<void>((r) => this.waiters.push(r));
    if (this.broken) throw new Error(this.broken);
    const slot = this.workers.reduce((a, b) => (b.inflight < a.inflight ? b : a));
    const id = ++this.seq;
    slot.inflight++;
    this.inflight++;
    this.pending.set(id, done);
    const { pdf, ...rest } = job;
    slot.worker.postMessage({ id, ...rest, pdf: pdf.buffer }, [pdf.buffer as ArrayBuffer]);
  }

  async idle(): Promise<void> {
    while (this.inflight > 0) await new Promise<void>((r) => this.waiters.push(r));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

// ───────────────────────────── database and environment ─────────────────────────────

let embedded: RunningPostgres | null = null;
let postmasterPid: number | null = null;
let tmpDir: string | null = null;

/** Stops the throwaway cluster and removes its directory (no-op with DATABASE_URL). */
async function stopEmbedded(): Promise<void> {
  await embedded?.stop().catch((e) => log(`[bench] could not stop PostgreSQL: ${String(e)}`));
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

/** Setup steps before the main try/finally: on failure, leave no cluster running behind. */
async function orStop<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    await stopEmbedded();
    throw e;
  }
}

if (!getEnv().DATABASE_URL) {
  const started = Date.now();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-bench-"));
  fs.chmodSync(tmpDir, 0o755); // the cluster runs as the unprivileged postgres user
  const dataDir = path.join(tmpDir, "data");
  embedded = await orStop(() => startEmbeddedPostgres({ dataDir, persistent: false, fsync: false }));
  await orStop(() => ensureDatabase(embedded!.url(), "konbini_bench"));
  setEnv("DATABASE_URL", embedded.url("konbini_bench"));
  log(`[bench] embedded PostgreSQL on port ${embedded.port} under ${tmpDir} (${Date.now() - started} ms)`);
  postmasterPid = embedded.pid();
} else {
  log("[bench] using DATABASE_URL");
}
await orStop(() => {
  if (opts.json) {
    // The same command as migrateDeploy, but Prisma's report goes to stderr: stdout carries only the JSON.
    execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: process.env, stdio: ["ignore", 2, 2] });
  } else {
    migrateDeploy(getEnv().DATABASE_URL!);
  }
});

// Fixtures and checks run as the owner; the issuances as the app role, under row-level security like the server.
const ownerUrl = getEnv().DATABASE_URL!;
setEnv("DATABASE_URL", await orStop(() => enableAppLogin(ownerUrl, getEnv().APP_DATABASE_PASSWORD ?? crypto.randomBytes(18).toString("base64url"))));

if (!getEnv().FIELD_ENCRYPTION_KEYS) {
  setEnv("FIELD_ENCRYPTION_KEYS", `bench:${crypto.randomBytes(32).toString("base64")}`);
  setEnv("FIELD_ENCRYPTION_KEY_ID", "bench");
}
defaultEnv("NEXTAUTH_SECRET", crypto.randomBytes(36).toString("base64url"));
defaultEnv("DB_POOL_MAX", "40");
defaultEnv("LOG_LEVEL", "silent");
defaultEnv("PDF_WORKER_PATH", path.join(ROOT, "server", "pdf", "worker-boot.mjs"));

// Server modules read the environment (logger level, pool size) when first loaded: import them now.
const [{ createDb }, { issueCertificate }, { closeRenderPool }, { extractPdf }, { ZIssueRequest }] = await orStop(() =>
  Promise.all([
    import("../server/db"),
    import("../server/issuance/issue-certificate"),
    import("../server/pdf/render-pool"),
    import("../server/pdf/render-certificate"),
    import("../lib/schemas/kiosk"),
  ]),
);
type IssueArgs = Parameters<typeof issueCertificate>[0];
type IssueResult = Awaited<ReturnType<typeof issueCertificate>>;

function gitRevision(): string {
  try {
    const rev = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "server", "lib", "prisma"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${rev} + ${dirty.split("\n").length} uncommitted file(s) under server/ lib/ prisma/` : rev;
  } catch {
    return "unknown (no git checkout)";
  }
}

const machine = {
  revision: gitRevision(),
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: round(os.totalmem() / 2 ** 30),
  node: process.version,
  pdfWorkers: getEnv().PDF_WORKERS,
  dbPoolMax: getEnv().DB_POOL_MAX,
  database: embedded ? "embedded PostgreSQL 18 (fsync=off), same machine" : "DATABASE_URL",
};

const db = createDb(ownerUrl, 10);
const runId = crypto.randomBytes(4).toString("hex");
let failed = false;
const report: Record<string, unknown> = { machine, now: NOW.toISOString(), runId };
let verifier: Verifier | null = null;

try {
  const setupStarted = performance.now();
  const data = await createBenchData(db, { residents: opts.residents, runId });
  const ctx: IssueArgs["ctx"] = { actor: { type: "api_client", id: data.apiClientId, municipalityId: null }, municipalityId: null, requestId: `bench-${runId}` };
  log(`[bench] created ${data.people.length} residents in ${data.municipalities.length} municipalities (${data.municipalities.map((m) => m.code).join(", ")}) in ${Math.round(performance.now() - setupStarted)} ms`);
  report.data = { municipalities: data.municipalities.map((m) => m.code), residents: data.people.length };

  const jobFor = (i: number, crowd: BenchPerson[]) => {
    const me = crowd[(i * 7) % crowd.length];
    const type = i % 2 ? ("seal" as const) : ("residence" as const);
    return { me, type, input: ZIssueRequest.parse(benchIssueBody(me, type)) };
  };

  // ─────────────── latency ───────────────
  if (opts.latency) {
    const levels: Array<Record<string, unknown>> = [];
    for (const c of opts.levels) {
      const k = opts.count ?? ({ 1: 100, 8: 400, 32: 800 } as Record<number, number>)[c] ?? 25 * c;
      const warm = Math.max(20, 2 * c);
      const prefix = `lat-${runId}-c${c}-`;
      await runPool(warm, c, async (i) => {
        const j = jobFor(i + 1000, data.people);
        await issueCertificate({ ctx, input: j.input, idempotencyKey: `warm-${runId}-c${c}-${i}`, now: NOW, timeoutMs: opts.timeoutMs });
      });
      const latencies: number[] = [];
      const steps: Record<string, number[]> = {};
      const errors: Record<string, number> = {};
      const cpuBefore = cpuSample(postmasterPid);
      const started = performance.now();
      await runPool(k, c, async (i) => {
        const j = jobFor(i, data.people);
        const marks: Partial<Record<Step | "start" | "end", number>> = {};
        const hooks: IssueArgs["hooks"] = { beforeStep: async (s) => void (marks[s] = performance.now()) };
        marks.start = performance.now();
        try {
          await issueCertificate({ ctx, input: j.input, idempotencyKey: `${prefix}${i}`, now: NOW, hooks, timeoutMs: opts.timeoutMs });
          marks.end = performance.now();
          latencies.push(marks.end - marks.start);
          const seq = ["start", ...STEPS, "end"] as const;
          for (let s = 0; s < seq.length - 1; s++) {
            const label = seq[s] === "start" ? "begin" : seq[s];
            const from = marks[seq[s]];
            const to = marks[seq[s + 1]];
            if (from !== undefined && to !== undefined) (steps[label] ??= []).push(to - from);
          }
        } catch (e) {
          errors[errorCode(e)] = (errors[errorCode(e)] ?? 0) + 1;
        }
      });
      const wall = (performance.now() - started) / 1000;
      const cpu = cpuShare(cpuBefore, cpuSample(postmasterPid));
      const rows = await db.issuance.findMany({ where: { idempotencyKey: { startsWith: prefix } }, select: { certificateType: true, pageCount: true, timings: true } });
      const renderByType: Record<string, { renderMs: ReturnType<typeof summarize>; pages: number }> = {};
      for (const type of ["residence", "seal"] as const) {
        const of = rows.filter((r) => r.certificateType === type);
        renderByType[type] = {
          renderMs: summarize(of.map((r) => Number((r.timings as { renderMs?: number }).renderMs ?? NaN))),
          pages: of.length ? round(of.reduce((a, r) => a + r.pageCount, 0) / of.length, 2) : NaN,
        };
      }
      const level = {
        concurrency: c,
        warmup: warm,
        requests: k,
        ok: latencies.length,
        errors,
        latencyMs: summarize(latencies),
        durationS: round(wall, 2),
        throughput: throughput(latencies.length, wall),
        stepMeanMs: Object.fromEntries(Object.entries(steps).map(([s, v]) => [s, round(v.reduce((a, b) => a + b, 0) / v.length)])),
        renderInWorker: renderByType,
        cpuPercentOfOneCore: cpu,
      };
      if (Object.keys(errors).length) failed = true;
      levels.push(level);
      log(`[latency] c=${c}: ${k} requests in ${level.durationS} s, p50 ${level.latencyMs.p50} ms, p95 ${level.latencyMs.p95} ms, ${level.throughput}/s, errors ${JSON.stringify(errors)}, cpu ${JSON.stringify(cpu)}`);
    }
    // pdf.js read-back alone, on the main thread, for a few stored PDFs of each type (part of renderMs).
    const sample = await db.issuance.findMany({ where: { idempotencyKey: { startsWith: `lat-${runId}-` } }, select: { id: true, certificateType: true, pdf: true }, take: 40 });
    const readBack: Record<string, number[]> = {};
    for (const r of sample) {
      // Stored encrypted at rest (server/crypto/field-encryption.ts); the read-back is timed on the plaintext.
      const pdf = new Uint8Array(decryptBytes(r.pdf!, FieldContext.issuancePdf(r.id)));
      const t = performance.now();
      await extractPdf(pdf);
      (readBack[r.certificateType] ??= []).push(performance.now() - t);
    }
    const pdfBytes = await db.$queryRaw<Array<{ type: string; avg: number }>>`
      SELECT "certificateType"::text AS type, avg(length(pdf))::float8 AS avg FROM "Issuance" WHERE "idempotencyKey" LIKE ${`lat-${runId}-%`} GROUP BY 1`;
    report.latency = {
      levels,
      readBackMs: Object.fromEntries(Object.entries(readBack).map(([t, v]) => [t, summarize(v.slice(2))])),
      pdfBytes: Object.fromEntries(pdfBytes.map((r) => [r.type, Math.round(r.avg)])),
    };
  }

  // ─────────────── proof ───────────────
  if (opts.proof !== null) {
    const n = opts.proof;
    const c = opts.concurrency;
    const prefix = `proof-${runId}-`;
    const names = data.people.map((p) => p.name);
    verifier = new Verifier(opts.verifyWorkers, names, Math.max(8, 4 * opts.verifyWorkers));
    const jitter = (max: number) => sleep(Math.floor(Math.random() * max));
    // Exactly the delays of tests/integration/issuance-concurrency.test.ts.
    const delays: IssueArgs["hooks"] = {
      beforeStep: async (step) => {
        if (step === "render" || step === "eligibility" || step === "number" || step === "record" || step === "audit") await jitter(25);
      },
    };

    const expected = new Map<string, { id: string; no: string; residentId: string }>();
    const seenNos = new Set<string>();
    const seenIds = new Set<string>();
    const errors: Record<string, number> = {};
    const failures: string[] = [];
    const latencies: number[] = [];
    const extractMs: number[] = [];
    let issued = 0;
    let verified = 0;
    let crossDeliveries = 0;
    let duplicateNos = 0;
    let duplicateIds = 0;
    let replays = 0;
    let verifyFailures = 0;
    const fail = (msg: string) => {
      if (failures.length < 20) failures.push(msg);
    };

    const cpuBefore = cpuSample(postmasterPid);
    let cpuTick = cpuBefore;
    const started = performance.now();
    let issuanceDoneAt = started;
    const progress = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      const now = cpuSample(postmasterPid);
      const cpu = cpuShare(cpuTick, now);
      cpuTick = now;
      log(`[proof] ${issued}/${n} issued, ${verified} verified, errors ${Object.values(errors).reduce((a, b) => a + b, 0)}, cross ${crossDeliveries}, ${throughput(issued, s, 1)}/s, rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MiB, cpu ${JSON.stringify(cpu)}`);
    }, 10_000);

    await runPool(n, c, async (i) => {
      const j = jobFor(i, data.people);
      const key = `${prefix}${i}`;
      const t = performance.now();
      let result: IssueResult;
      try {
        result = await issueCertificate({ ctx, input: j.input, idempotencyKey: key, now: NOW, hooks: delays, timeoutMs: opts.timeoutMs });
      } catch (e) {
        errors[errorCode(e)] = (errors[errorCode(e)] ?? 0) + 1;
        fail(`#${i}: ${errorCode(e)}`);
        return;
      }
      latencies.push(performance.now() - t);
      issued++;
      const res = result.response;
      if (result.replayed) {
        replays++;
        fail(`#${i}: answered as a replay`);
      }
      if (seenNos.has(res.issuanceNo)) {
        duplicateNos++;
        fail(`#${i}: duplicate 発行番号 ${res.issuanceNo}`);
      }
      if (seenIds.has(res.issuanceId)) {
        duplicateIds++;
        fail(`#${i}: duplicate issuance id ${res.issuanceId}`);
      }
      seenNos.add(res.issuanceNo);
      seenIds.add(res.issuanceId);
      expected.set(key, { id: res.issuanceId, no: res.issuanceNo, residentId: j.me.residentId });
      if (res.certificateType !== j.type) {
        verifyFailures++;
        fail(`#${i}: asked for ${j.type}, answered ${res.certificateType}`);
      }
      const pdf = new Uint8Array(Buffer.from(res.pdf, "base64"));
      await verifier!.submit({ issuanceId: res.issuanceId, issuanceNo: res.issuanceNo, name: j.me.name, sha256: res.pdfSha256, pageCount: res.pageCount, pdf }, (o) => {
        verified++;
        if (!o.ok) {
          verifyFailures++;
          fail(`#${i}: the PDF could not be read back: ${o.error}`);
          return;
        }
        extractMs.push(o.extractMs);
        if (o.others.length) {
          crossDeliveries++;
          fail(`#${i} (${res.issuanceNo}): names other residents: ${o.others.length}`);
        }
        const problems = [
          !o.ownName && "own name missing",
          o.pageCount < 1 && "no pages",
          o.pageCount !== res.pageCount && "page count differs from the answer",
          o.pagesWithoutNo > 0 && `${o.pagesWithoutNo} page(s) without its 発行番号`,
          !o.keywordsOk && "keywords lack the issuance id",
          !o.sha256Ok && "bytes differ from pdfSha256",
        ].filter(Boolean);
        if (problems.length) {
          verifyFailures++;
          fail(`#${i} (${res.issuanceNo}): ${problems.join(", ")}`);
        }
      });
      issuanceDoneAt = performance.now();
    });
    await verifier.idle();
    clearInterval(progress);
    const finished = performance.now();
    const cpu = cpuShare(cpuBefore, cpuSample(postmasterPid));

    // The database agrees: exactly N rows for this run, each the issuance answered for that key and person,
    // one audit event each, and each municipality's audit chain contiguous.
    const rows = await db.issuance.findMany({ where: { idempotencyKey: { startsWith: prefix } }, select: { id: true, issuanceNo: true, idempotencyKey: true, requesterResidentId: true } });
    let rowMismatches = 0;
    for (const r of rows) {
      const e = expected.get(r.idempotencyKey);
      if (!e || e.id !== r.id || e.no !== r.issuanceNo || e.residentId !== r.requesterResidentId) {
        rowMismatches++;
        fail(`row ${r.issuanceNo} does not match the answer for ${r.idempotencyKey}`);
      }
    }
    const ids = rows.map((r) => r.id);
    let auditEvents = 0;
    for (let s = 0; s < ids.length; s += 1000) {
      auditEvents += await db.auditEvent.count({ where: { action: "issuance.render", targetId: { in: ids.slice(s, s + 1000) } } });
    }
    const chains = await db.$queryRaw<Array<{ chain: string; n: bigint; maxseq: number }>>`
      SELECT chain, count(*) AS n, max(seq) AS maxseq FROM "AuditEvent" WHERE chain = ANY(${data.municipalities.map((m) => m.id)}) GROUP BY chain`;
    const chainsContiguous = chains.every((ch) => Number(ch.n) === Number(ch.maxseq));

    const totalErrors = Object.values(errors).reduce((a, b) => a + b, 0);
    const durationS = (finished - started) / 1000;
    const proof = {
      n,
      concurrency: c,
      residents: data.people.length,
      municipalities: data.municipalities.length,
      injectedDelaysMs: "0–25 at eligibility, number, render, record, audit",
      durationS: round(durationS, 1),
      issuancePhaseS: round((issuanceDoneAt - started) / 1000, 1),
      throughput: throughput(n, durationS),
      ok: issued,
      errors: totalErrors,
      errorCodes: errors,
      verified,
      crossDeliveries,
      otherVerificationFailures: verifyFailures,
      duplicateIssuanceNos: duplicateNos,
      duplicateIssuanceIds: duplicateIds,
      uniqueIssuanceNos: seenNos.size,
      uniqueIssuanceIds: seenIds.size,
      replays,
      dbRows: rows.length,
      dbRowMismatches: rowMismatches,
      auditEvents,
      auditChainsContiguous: chainsContiguous,
      latencyMs: summarize(latencies),
      verifyReadBackMs: summarize(extractMs),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuPercentOfOneCore: cpu,
      failures,
    };
    report.proof = proof;
    const passed =
      totalErrors === 0 &&
      issued === n &&
      verified === n &&
      crossDeliveries === 0 &&
      verifyFailures === 0 &&
      duplicateNos === 0 &&
      duplicateIds === 0 &&
      replays === 0 &&
      rows.length === n &&
      rowMismatches === 0 &&
      auditEvents === n &&
      chainsContiguous;
    (proof as Record<string, unknown>).passed = passed;
    if (!passed) failed = true;
  }

  report.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  // Bytes per row of the two growing tables (only meaningful on the throwaway database this run filled).
  if (embedded) {
    const sizes = await db.$queryRaw<Array<{ rel: string; rows: bigint; heap: bigint; toast: bigint; indexes: bigint }>>`
      SELECT c.relname AS rel, (SELECT count(*) FROM "Issuance") AS rows, pg_relation_size(c.oid) AS heap,
             COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast, pg_indexes_size(c.oid) AS indexes
      FROM pg_class c WHERE c.relname = 'Issuance'
      UNION ALL
      SELECT c.relname, (SELECT count(*) FROM "AuditEvent"), pg_relation_size(c.oid),
             COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0), pg_indexes_size(c.oid)
      FROM pg_class c WHERE c.relname = 'AuditEvent'`;
    report.storageBytesPerRow = Object.fromEntries(
      sizes.map((s) => {
        const rows = Number(s.rows) || 1;
        return [s.rel, { rows: Number(s.rows), heap: Math.round(Number(s.heap) / rows), toast: Math.round(Number(s.toast) / rows), indexes: Math.round(Number(s.indexes) / rows) }];
      }),
    );
  }
} catch (e) {
  failed = true;
  report.fatal = e instanceof Error ? e.stack : String(e);
  log(`[bench] failed: ${report.fatal}`);
} finally {
  await verifier?.close();
  await closeRenderPool();
  await db.$disconnect();
  await stopEmbedded();
}

// ───────────────────────────── output ─────────────────────────────

if (opts.json) {
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
} else {
  const out: string[] = [];
  out.push(`peak RSS of the benchmark process (main thread, ${machine.pdfWorkers} render threads${report.proof ? `, ${opts.verifyWorkers} verification thread(s)` : ""}): ${report.peakRssMiB} MiB`);
  out.push(`revision: ${machine.revision}`);
  out.push(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGiB} GiB, node ${machine.node}, PDF_WORKERS=${machine.pdfWorkers}, DB_POOL_MAX=${machine.dbPoolMax}, ${machine.database}`);
  const lat = report.latency as { levels: Array<Record<string, any>>; readBackMs: Record<string, any>; pdfBytes: Record<string, number> } | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (lat) {
    out.push("", "latency (no injected delays, mixed 住民票の写し / 印鑑登録証明書):");
    out.push(
      table(
        ["concurrency", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms", "throughput/s", "errors"],
        lat.levels.map((l) => [l.concurrency, l.requests, l.latencyMs.p50, l.latencyMs.p95, l.latencyMs.p99, l.latencyMs.max, l.latencyMs.mean, l.throughput, Object.values(l.errors as Record<string, number>).reduce((a, b) => a + b, 0)]),
      ),
    );
    const stepNames = ["begin", ...STEPS];
    out.push("", "CPU during each measured phase (% of one core; other = processes outside this benchmark):");
    out.push(table(["concurrency", "busy", "benchmark process", "postgres", "other"], lat.levels.map((l) => (l.cpuPercentOfOneCore ? [l.concurrency, l.cpuPercentOfOneCore.busy, l.cpuPercentOfOneCore.benchProcess, l.cpuPercentOfOneCore.postgres, l.cpuPercentOfOneCore.other] : [l.concurrency, "-", "-", "-", "-"]))));
    out.push("", "mean time per step (ms; begin = connection + BEGIN, render = queue + render + read-back, audit = audit + COMMIT):");
    out.push(table(["concurrency", ...stepNames], lat.levels.map((l) => [l.concurrency, ...stepNames.map((s) => l.stepMeanMs[s] ?? "-")])));
    out.push("", "renderMs inside the worker (render + pdf.js read-back), by type:");
    out.push(
      table(
        ["concurrency", "type", "pages", "p50 ms", "mean ms", "p95 ms"],
        lat.levels.flatMap((l) => Object.entries(l.renderInWorker as Record<string, any>).map(([t, v]) => [l.concurrency, t, v.pages, v.renderMs.p50, v.renderMs.mean, v.renderMs.p95])), // eslint-disable-line @typescript-eslint/no-explicit-any
      ),
    );
    out.push(`pdf.js read-back alone (main thread, idle): ${Object.entries(lat.readBackMs).map(([t, v]) => `${t} p50 ${v.p50} ms`).join(", ")}; PDF size: ${Object.entries(lat.pdfBytes).map(([t, b]) => `${t} ${b} B`).join(", ")}`);
  }
  const p = report.proof as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (p) {
    out.push("", `proof (random 0–25 ms delays at ${p.injectedDelaysMs.split(" at ")[1]}; ${p.residents} residents in ${p.municipalities} municipalities):`);
    out.push(
      table(
        ["N", "concurrency", "duration s", "throughput/s", "errors", "cross-deliveries", "other check failures", "unique nos", "unique ids", "DB rows", "audit events", "p50 ms", "p95 ms", "max ms"],
        [[p.n, p.concurrency, p.durationS, p.throughput, p.errors, p.crossDeliveries, p.otherVerificationFailures + p.dbRowMismatches, p.uniqueIssuanceNos, p.uniqueIssuanceIds, p.dbRows, p.auditEvents, p.latencyMs.p50, p.latencyMs.p95, p.latencyMs.max]],
      ),
    );
    out.push(`verification read-back p50 ${p.verifyReadBackMs.p50} ms; audit chains contiguous: ${p.auditChainsContiguous}; peak RSS ${p.peakRssMiB} MiB`);
    if (p.cpuPercentOfOneCore) out.push(`CPU (% of one core): busy ${p.cpuPercentOfOneCore.busy}, benchmark process ${p.cpuPercentOfOneCore.benchProcess}, postgres ${p.cpuPercentOfOneCore.postgres}, other ${p.cpuPercentOfOneCore.other}`);
    if (p.failures.length) out.push("failures:", ...p.failures.map((f: string) => `  ${f}`));
    out.push(p.passed ? "PROOF PASSED" : "PROOF FAILED");
  }
  const st = report.storageBytesPerRow as Record<string, { rows: number; heap: number; toast: number; indexes: number }> | undefined;
  if (st) {
    out.push("", "storage per row (bytes; toast = the PDF while it is kept):");
    out.push(table(["table", "rows", "heap", "toast", "indexes"], Object.entries(st).map(([t, s]) => [t, s.rows, s.heap, s.toast, s.indexes])));
  }
  if (report.fatal) out.push(`fatal: ${report.fatal}`);
  console.log(out.join("\n"));
}
// Explicit: a worker thread that failed to start can leave the exit code at 0 (seen with a broken
// PDF_WORKER_PATH). stdout to a file or pipe is written synchronously on Linux, so nothing is cut off.
process.exit(failed ? 1 : 0);
