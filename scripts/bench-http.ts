// The HTTP issuance benchmark (issue 21): the production server (`next start` of a built tree) measured from
// outside, as a centre calls it — signed requests over HTTP, the whole protocol eligibility → issuance →
// completion — on a throwaway embedded PostgreSQL with fsync ON, client on the same machine.
//
//   npm run bench:http                      every phase, 10-minute soak, the floor; tables on stdout
//   npm run bench:http -- --quick           short phases, no soak (a check that it runs)
//   npm run bench:http -- --tree DIR ...    measure other built trees in the same run (e.g. the previous commit:
//                                           `git worktree add DIR <commit>`, npm ci, npm run build there); the
//                                           current tree is measured too unless --no-self
//   options: --c1 SECONDS --c8 SECONDS --c32 SECONDS --soak MINUTES --port N --json --no-floor
//            --profile DIR   V8 CPU profiles of the server's threads (under load; slows it down)
//
// Phases per tree (each on a fresh cluster and a fresh server): warm-up (not measured); concurrency 1 over every
// case in turn (per-case latency); concurrency 8 and 32 over the one-page mix (住民票 本人 / 世帯全員,
// 印鑑登録証明書, 課税証明書); a soak at concurrency 8 (server RSS every minute). Per phase: p50/p95/p99 by
// endpoint and case, throughput, errors, peak server RSS, and the CPU split per cycle from /proc: the server's
// main thread, its PDF render threads (they name themselves, server/pdf/thread-name.ts), its other threads,
// PostgreSQL, this client, and the rest of the machine.
// The client checks EVERY returned PDF (pdf.js: its requester named, nobody else of the benchmark's people, its
// 発行番号 on every page, the page count, the hash) — after each timed phase, from PDFs kept in memory, so the
// check's CPU is not in the figures (the soak keeps every 10th PDF, to bound memory).
// The server runs in demo mode only for the clock override (x-clock-override; judged at 2026-11-27 10:00 JST,
// inside service hours whatever the real time): nothing else on the request path depends on it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../server/generated/prisma/client";
import { defaultEnv, getEnv } from "../server/env";
import { PDF_THREAD_NAME } from "../server/pdf/thread-name";
import { createHttpBenchData, httpIssueBody, type HttpBenchCase, type HttpBenchHolder } from "./lib/bench-data";
import { percentile, round, table } from "./lib/bench-stats";
import type { FloorResult } from "./lib/pdf-floor";
import { enableAppLogin, ensureDatabase, ROOT } from "./lib/database";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { installJobSchema } from "./lib/job-schema";
import { nextEnv } from "./lib/next";
import { CLK_TCK, clusterTicks, machineTicks, procTicks, rssBytes, threadTicks } from "./lib/proc-stats";
import { baseRequest, KioskClient } from "./kiosk/client";
import { checkPdf } from "./kiosk/pdf-checks";

const { values: args } = parseArgs({
  options: {
    tree: { type: "string", multiple: true, default: [] },
    "no-self": { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    c1: { type: "string" },
    c8: { type: "string" },
    c32: { type: "string" },
    soak: { type: "string" },
    port: { type: "string", default: "3400" },
    json: { type: "boolean", default: false },
    "no-floor": { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const plan = {
  c1Seconds: num(args.c1, args.quick ? 15 : 60),
  c8Seconds: num(args.c8, args.quick ? 15 : 45),
  c32Seconds: num(args.c32, args.quick ? 10 : 45),
  soakMinutes: num(args.soak, args.quick ? 0 : 10),
};
const PORT = Number(args.port);
const log = (s: string) => console.error(`[bench:http] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The targets of issue 21 (2 cores, fsync on, client on the same machine).
const TARGETS = { c1IssuanceP50: 45, eligibilityP50: 8, completionP50: 8, c8Throughput: 30, c8IssuanceP99: 600, koseki10P50: 250, serverCpuPerCycle: 55, rssMb: 500, startMs: 5_000 };
const ONE_PAGE_MIX = ["residence-self", "residence-household", "seal", "tax-income-assessment"];

type Endpoint = "eligibility" | "issuance" | "completion";
type Sample = { endpoint: Endpoint; caseKey: string; ms: number; status: number; code?: string };
type Kept = { pdf: Buffer; issuanceNo: string; pageCount: number; sha256: string; holder: HttpBenchHolder; expectedPages: number };

// ───────────────────────────── CPU and memory of the server ─────────────────────────────

type CpuReading = { at: number; machine: { total: number; idle: number }; main: number; pdf: number; otherThreads: number; pg: number; client: number };

function readCpu(serverPid: number, postmasterPid: number | null): CpuReading {
  let main = 0;
  let pdf = 0;
  let otherThreads = 0;
  for (const t of threadTicks(serverPid)) {
    if (t.tid === serverPid) main += t.ticks;
    else if (t.name === PDF_THREAD_NAME) pdf += t.ticks;
    else otherThreads += t.ticks;
  }
  return { at: performance.now(), machine: machineTicks(), main, pdf, otherThreads, pg: clusterTicks(postmasterPid), client: procTicks(process.pid) };
}

/** CPU per cycle in ms of CPU, and the machine's shares in % of one core. */
function cpuSplit(a: CpuReading, b: CpuReading, cycles: number) {
  const ms = (ticks: number) => (ticks * 1000) / CLK_TCK;
  const per = (ticks: number) => round(ms(ticks) / Math.max(1, cycles), 1);
  const seconds = (b.at - a.at) / 1000;
  const total = b.machine.total - a.machine.total || 1;
  const busyPct = (100 * os.availableParallelism() * (total - (b.machine.idle - a.machine.idle))) / total;
  const known = b.main - a.main + (b.pdf - a.pdf) + (b.otherThreads - a.otherThreads) + (b.pg - a.pg) + (b.client - a.client);
  const otherPct = Math.max(0, busyPct - (100 * ms(known)) / 1000 / seconds);
  return {
    perCycleMs: {
      serverMain: per(b.main - a.main),
      serverPdfThreads: per(b.pdf - a.pdf),
      serverOtherThreads: per(b.otherThreads - a.otherThreads),
      server: per(b.main - a.main + b.pdf - a.pdf + b.otherThreads - a.otherThreads),
      postgres: per(b.pg - a.pg),
      client: per(b.client - a.client),
    },
    busyPctOfOneCore: Math.round(busyPct),
    otherProcessesPctOfOneCore: Math.round(otherPct),
  };
}

// ───────────────────────────── the server under test ─────────────────────────────

type Running = { proc: ChildProcess; pid: number; baseUrl: string; logFile: string; startMs: { healthy: number; firstEligibility: number } };

async function startServer(tree: string, env: Record<string, string>, logFile: string, client: (baseUrl: string) => KioskClient, probe: HttpBenchHolder): Promise<Running> {
  const baseUrl = `http://localhost:${PORT}`;
  const out = fs.openSync(logFile, "a");
  const started = performance.now();
  // --profile DIR: V8 CPU profiles of every thread of the server (main and workers), written when it stops.
  const profile = args.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.profile, path.basename(tree))}`] : [];
  const proc = spawn(process.execPath, [...profile, path.join(tree, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)], {
    cwd: tree,
    env: nextEnv({ ...process.env, ...env, PORT: String(PORT), NEXTAUTH_URL: baseUrl }) as NodeJS.ProcessEnv,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  let healthy = NaN;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode}); see ${logFile}`);
    if (performance.now() - started > 120_000) throw new Error(`the server did not answer within 120 s; see ${logFile}`);
    try {
      if (Number.isNaN(healthy)) {
        const res = await fetch(`${baseUrl}/api/healthz`, { signal: AbortSignal.timeout(1_000) });
        await res.arrayBuffer();
        if (res.status === 200) healthy = performance.now() - started;
      }
      if (!Number.isNaN(healthy)) {
        const e = await client(baseUrl).post("/eligibility", baseRequest(probe.card.serial, probe.municipalityCode));
        if (e.status === 200) return { proc, pid: proc.pid!, baseUrl, logFile, startMs: { healthy: Math.round(healthy), firstEligibility: Math.round(performance.now() - started) } };
      }
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
}

async function stopServer(s: Running): Promise<void> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  const exited = new Promise((r) => s.proc.once("exit", r));
  s.proc.kill("SIGTERM");
  const forced = setTimeout(() => s.proc.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(forced);
}

// ───────────────────────────── load ─────────────────────────────

type Phase = { name: string; concurrency: number; seconds: number; cases: HttpBenchCase[]; keepEvery: number; rssEveryMinute?: boolean };

type PhaseResult = {
  name: string;
  concurrency: number;
  seconds: number;
  cycles: number;
  issued: number;
  throughputPerSecond: number;
  errors: Record<string, number>;
  latency: Record<string, { n: number; p50: number; p95: number; p99: number; max: number }>;
  cpu: ReturnType<typeof cpuSplit>;
  rssMb: { start: number; peak: number; end: number; byMinute: number[] };
  pdfChecks: { checked: number; failures: number; crossDeliveries: number; samples: string[] };
};

async function runPhase(server: Running, kiosk: KioskClient, phase: Phase, postmasterPid: number | null, allNames: string[], measure = true): Promise<PhaseResult> {
  const samples: Sample[] = [];
  const kept: Kept[] = [];
  const errors: Record<string, number> = {};
  const fail = (k: string) => (errors[k] = (errors[k] ?? 0) + 1);
  // Every virtual resident walks the (case, holder) pairs from its own offset: different residents' rows.
  const interleaved = interleave(phase.cases);
  let issued = 0;
  let cycles = 0;
  const rss = { start: mb(rssBytes(server.pid)), peak: 0, byMinute: [] as number[] };
  const rssTimer = setInterval(() => (rss.peak = Math.max(rss.peak, mb(rssBytes(server.pid)))), 500);
  const started = performance.now();
  const minuteTimer = phase.rssEveryMinute ? setInterval(() => rss.byMinute.push(mb(rssBytes(server.pid))), 60_000) : null;
  const cpuBefore = readCpu(server.pid, postmasterPid);
  const deadline = started + phase.seconds * 1000;
  let counter = 0;

  async function resident(i: number) {
    let n = i * 7;
    while (performance.now() < deadline) {
      const { c, h } = interleaved[n++ % interleaved.length];
      const e = await kiosk.post("/eligibility", baseRequest(h.card.serial, h.municipalityCode, c.purpose));
      samples.push({ endpoint: "eligibility", caseKey: c.key, ms: e.ms, status: e.status });
      if (e.status !== 200) {
        fail(`eligibility ${e.status} ${(e.body as { code?: string })?.code ?? ""}`.trim());
        continue;
      }
      const body = httpIssueBody(c, h);
      const a = await kiosk.post<{ issuanceId: string; issuanceNo: string; pdf: string; pageCount: number; pdfSha256: string; code?: string }>("/issuances", body, { idempotencyKey: crypto.randomUUID() });
      samples.push({ endpoint: "issuance", caseKey: c.key, ms: a.ms, status: a.status, code: a.body?.code });
      if (a.status !== 200) {
        fail(`issuance ${a.status} ${a.body?.code ?? ""}`.trim());
        continue;
      }
      issued++;
      if (counter++ % phase.keepEvery === 0) kept.push({ pdf: Buffer.from(a.body.pdf, "base64"), issuanceNo: a.body.issuanceNo, pageCount: a.body.pageCount, sha256: a.body.pdfSha256, holder: h, expectedPages: c.expectedPages });
      const done = await kiosk.post(`/issuances/${a.body.issuanceId}/completion`, { outcome: "printed" });
      samples.push({ endpoint: "completion", caseKey: c.key, ms: done.ms, status: done.status });
      if (done.status !== 200) fail(`completion ${done.status}`);
      else cycles++;
    }
  }
  await Promise.all(Array.from({ length: phase.concurrency }, (_, i) => resident(i)));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = readCpu(server.pid, postmasterPid);
  clearInterval(rssTimer);
  if (minuteTimer) clearInterval(minuteTimer);
  rss.peak = Math.max(rss.peak, mb(rssBytes(server.pid)));

  const latency: PhaseResult["latency"] = {};
  const groups = new Map<string, number[]>();
  for (const s of samples) {
    if (s.status !== 200) continue;
    for (const k of [s.endpoint, `${s.endpoint} ${s.caseKey}`]) {
      const list = groups.get(k) ?? [];
      list.push(s.ms);
      groups.set(k, list);
    }
  }
  for (const [k, v] of groups) {
    const sorted = v.sort((x, y) => x - y);
    latency[k] = { n: v.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) };
  }
  const pdfChecks = measure ? await checkKept(kept, allNames) : { checked: 0, failures: 0, crossDeliveries: 0, samples: [] };
  return {
    name: phase.name,
    concurrency: phase.concurrency,
    seconds: round(seconds),
    cycles,
    issued,
    throughputPerSecond: round(issued / seconds, 2),
    errors,
    latency,
    cpu: cpuSplit(cpuBefore, cpuAfter, cycles),
    rssMb: { start: rss.start, peak: rss.peak, end: mb(rssBytes(server.pid)), byMinute: rss.byMinute },
    pdfChecks,
  };
}

/** Case A, B, C, … holder by holder: consecutive requests alternate the types. */
function interleave(cases: HttpBenchCase[]): Array<{ c: HttpBenchCase; h: HttpBenchHolder }> {
  const out: Array<{ c: HttpBenchCase; h: HttpBenchHolder }> = [];
  const longest = Math.max(...cases.map((c) => c.holders.length));
  for (let i = 0; i < longest; i++) for (const c of cases) out.push({ c, h: c.holders[i % c.holders.length] });
  return out;
}

const mb = (bytes: number | null) => (bytes === null ? NaN : Math.round(bytes / 1024 / 1024));

/** After the timed phase: every kept PDF names its holder, nobody else, its 発行番号 on every page, its page count. */
async function checkKept(kept: Kept[], allNames: string[]) {
  let failures = 0;
  let crossDeliveries = 0;
  const samples: string[] = [];
  for (const k of kept) {
    const may = new Set(k.holder.mayNames);
    const report = await checkPdf(k.pdf, { issuanceNo: k.issuanceNo, pageCount: k.pageCount, sha256: k.sha256, names: k.holder.mustNames, notNames: allNames.filter((n) => !may.has(n)) });
    const wrongPages = k.pageCount !== k.expectedPages;
    if (!report.ok || wrongPages) {
      failures++;
      if (report.failures.some((f) => f.startsWith("CROSS-DELIVERY"))) crossDeliveries++;
      if (samples.length < 5) samples.push([...report.failures, ...(wrongPages ? [`${k.pageCount} pages, expected ${k.expectedPages}`] : [])].join("; "));
    }
  }
  return { checked: kept.length, failures, crossDeliveries, samples };
}

// ───────────────────────────── one tree ─────────────────────────────

type TreeResult = { tree: string; commit: string; startMs: Running["startMs"]; idleRssMb: number; phases: PhaseResult[]; soak: PhaseResult | null };

async function measureTree(tree: string): Promise<TreeResult> {
  const commit = execFileSync("git", ["-C", tree, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["-C", tree, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() ? "+changes" : "";
  if (!fs.existsSync(path.join(tree, ".next", "BUILD_ID"))) throw new Error(`${tree} has no production build: run \`npm run build\` there first`);
  log(`── tree ${tree} (${commit}${dirty})`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-bench-http-"));
  fs.chmodSync(tmp, 0o755); // the cluster runs as the unprivileged postgres user
  let embedded: RunningPostgres | null = null;
  let server: Running | null = null;
  try {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), persistent: false, fsync: true });
    await ensureDatabase(embedded.url(), "konbini");
    const ownerUrl = embedded.url("konbini");
    execFileSync(path.join(tree, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: tree, env: { ...process.env, DATABASE_URL: ownerUrl }, stdio: ["ignore", "ignore", "inherit"] });
    await installJobSchema(ownerUrl);
    const appUrl = await enableAppLogin(ownerUrl, crypto.randomBytes(18).toString("base64url"));
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
    const data = await createHttpBenchData(db, { runId: crypto.randomBytes(3).toString("hex"), residents: 240 });
    await db.$disconnect();
    log(`data: ${data.cases.map((c) => `${c.key} × ${c.holders.length}`).join(", ")}`);

    const env = {
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: crypto.randomBytes(36).toString("base64url"),
      FIELD_ENCRYPTION_KEYS: getEnv().FIELD_ENCRYPTION_KEYS!,
      FIELD_ENCRYPTION_KEY_ID: getEnv().FIELD_ENCRYPTION_KEY_ID!,
      KONBINI_DEMO: "1",
      ALLOW_CLOCK_OVERRIDE: "true",
      JOBS: "off",
    };
    const client = (baseUrl: string) => new KioskClient({ baseUrl, keyId: data.apiClient.keyId, secret: data.apiClient.secret, clockOverride: data.clock });
    server = await startServer(tree, env, path.join(tmp, "server.log"), client, data.cases[0].holders[0]);
    log(`serving: healthy after ${server.startMs.healthy} ms, first signed eligibility answer after ${server.startMs.firstEligibility} ms`);
    const kiosk = client(server.baseUrl);
    const postmasterPid = embedded.pid();
    const byKey = new Map(data.cases.map((c) => [c.key, c]));
    const mix = ONE_PAGE_MIX.map((k) => byKey.get(k)!).filter(Boolean);

    // Warm-up: every case a few times alone, then the mix at 8 (JIT, the render threads' first documents).
    await runPhase(server, kiosk, { name: "warm-up", concurrency: 1, seconds: 8, cases: data.cases, keepEvery: 1 }, postmasterPid, data.printableNames, false);
    await runPhase(server, kiosk, { name: "warm-up", concurrency: 8, seconds: 6, cases: mix, keepEvery: 1 }, postmasterPid, data.printableNames, false);
    await sleep(2_000);
    const idleRssMb = mb(rssBytes(server.pid));

    const phases: PhaseResult[] = [];
    for (const p of [
      { name: "c1", concurrency: 1, seconds: plan.c1Seconds, cases: data.cases, keepEvery: 1 },
      { name: "c8", concurrency: 8, seconds: plan.c8Seconds, cases: mix, keepEvery: 1 },
      { name: "c32", concurrency: 32, seconds: plan.c32Seconds, cases: mix, keepEvery: 1 },
    ]) {
      if (p.seconds <= 0) continue;
      log(`phase ${p.name}: concurrency ${p.concurrency} for ${p.seconds} s`);
      const r = await runPhase(server, kiosk, p, postmasterPid, data.printableNames);
      log(`  ${r.issued} issued, ${r.throughputPerSecond} /s, issuance p50 ${r.latency.issuance?.p50} ms, server CPU ${r.cpu.perCycleMs.server} ms/cycle, peak RSS ${r.rssMb.peak} MB, errors ${JSON.stringify(r.errors)}, PDF failures ${r.pdfChecks.failures}/${r.pdfChecks.checked}`);
      phases.push(r);
    }
    let soak: PhaseResult | null = null;
    if (plan.soakMinutes > 0) {
      log(`soak: concurrency 8 for ${plan.soakMinutes} min`);
      soak = await runPhase(server, kiosk, { name: "soak", concurrency: 8, seconds: plan.soakMinutes * 60, cases: mix, keepEvery: 10, rssEveryMinute: true }, postmasterPid, data.printableNames);
      log(`  ${soak.issued} issued, ${soak.throughputPerSecond} /s, RSS by minute ${soak.rssMb.byMinute.join(", ")} MB, PDF failures ${soak.pdfChecks.failures}/${soak.pdfChecks.checked}`);
    }
    return { tree, commit: commit + dirty, startMs: server.startMs, idleRssMb, phases, soak };
  } finally {
    if (server) await stopServer(server);
    await embedded?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ───────────────────────────── the floor ─────────────────────────────

type Floor = FloorResult;

function measureFloor(): Floor | null {
  if (args["no-floor"]) return null;
  log("floor: scripts/bench-floor.ts in its own process");
  const out = execFileSync(process.execPath, ["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", "scripts/bench-floor.ts", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } });
  return JSON.parse(out) as Floor;
}

// ───────────────────────────── report ─────────────────────────────

function report(results: TreeResult[], floor: Floor | null) {
  const lines: string[] = [];
  const say = (s = "") => lines.push(s);
  say(`machine: ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const r of results) {
    say(`\n### ${r.commit} (${r.tree})\n`);
    say(`serving after start: healthy ${r.startMs.healthy} ms, first signed eligibility ${r.startMs.firstEligibility} ms; idle RSS after warm-up ${r.idleRssMb} MB\n`);
    const c1 = r.phases.find((p) => p.name === "c1");
    if (c1) {
      const keys = [...new Set(Object.keys(c1.latency).filter((k) => k.startsWith("issuance ")).map((k) => k.slice(9)))];
      say(table(["concurrency 1, by case", "n", "eligibility p50", "issuance p50", "p95", "p99", "completion p50"], keys.map((k) => [k, c1.latency[`issuance ${k}`].n, c1.latency[`eligibility ${k}`]?.p50 ?? "", c1.latency[`issuance ${k}`].p50, c1.latency[`issuance ${k}`].p95, c1.latency[`issuance ${k}`].p99, c1.latency[`completion ${k}`]?.p50 ?? ""])));
      say();
    }
    const all = [...r.phases, ...(r.soak ? [r.soak] : [])];
    say(
      table(
        ["phase", "C", "s", "issued", "/s", "eligibility p50", "issuance p50 / p95 / p99", "completion p50", "errors", "PDFs checked / failed", "peak RSS MB"],
        all.map((p) => [p.name, p.concurrency, p.seconds, p.issued, p.throughputPerSecond, p.latency.eligibility?.p50 ?? "", p.latency.issuance ? `${p.latency.issuance.p50} / ${p.latency.issuance.p95} / ${p.latency.issuance.p99}` : "", p.latency.completion?.p50 ?? "", Object.values(p.errors).reduce((a, b) => a + b, 0), `${p.pdfChecks.checked} / ${p.pdfChecks.failures}`, p.rssMb.peak]),
      ),
    );
    say();
    say(
      table(
        ["phase", "server main", "PDF threads", "other threads", "server", "PostgreSQL", "client", "machine busy %", "other processes %"],
        all.map((p) => [p.name, p.cpu.perCycleMs.serverMain, p.cpu.perCycleMs.serverPdfThreads, p.cpu.perCycleMs.serverOtherThreads, p.cpu.perCycleMs.server, p.cpu.perCycleMs.postgres, p.cpu.perCycleMs.client, p.cpu.busyPctOfOneCore, p.cpu.otherProcessesPctOfOneCore]),
      ),
    );
    if (r.soak) say(`\nsoak RSS by minute (MB): ${r.soak.rssMb.byMinute.join(", ")}`);
  }
  if (floor) {
    say("\n### floor (one process, one thread, the same one-page 住民票)\n");
    say(table(["path", "p50 ms", "p95 ms", "CPU p50 ms", "PDF bytes"], floor.results.map((v) => [v.label, v.wallMs.p50, v.wallMs.p95, v.cpuMs.p50, v.pdfBytes.p50])));
  }
  // Targets, on the last tree measured (the one under change comes last).
  const r = results.at(-1)!;
  const c1 = r.phases.find((p) => p.name === "c1");
  const c8 = r.phases.find((p) => p.name === "c8");
  const oneP50 = c1 ? Math.max(...ONE_PAGE_MIX.map((k) => c1.latency[`issuance ${k}`]?.p50 ?? NaN).filter((n) => !Number.isNaN(n))) : NaN;
  const pdfkit = floor?.results.find((v) => v.variant === "pdfkit")?.wallMs.p50;
  const reactPdf = floor?.results.find((v) => v.variant === "react-pdf")?.wallMs.p50;
  const rows: Array<[string, string, string, boolean]> = [
    ["1-page issuance p50 at concurrency 1 (slowest 1-page case)", `≤ ${TARGETS.c1IssuanceP50} ms`, `${oneP50} ms${pdfkit && reactPdf ? ` (${round(oneP50 / pdfkit, 1)}× the pdfkit floor, ${round(oneP50 / reactPdf, 1)}× react-pdf alone)` : ""}`, oneP50 <= TARGETS.c1IssuanceP50],
    ["eligibility p50 at concurrency 1", `≤ ${TARGETS.eligibilityP50} ms`, `${c1?.latency.eligibility?.p50} ms`, (c1?.latency.eligibility?.p50 ?? Infinity) <= TARGETS.eligibilityP50],
    ["completion p50 at concurrency 1", `≤ ${TARGETS.completionP50} ms`, `${c1?.latency.completion?.p50} ms`, (c1?.latency.completion?.p50 ?? Infinity) <= TARGETS.completionP50],
    ["throughput at concurrency 8", `≥ ${TARGETS.c8Throughput} /s`, `${c8?.throughputPerSecond} /s`, (c8?.throughputPerSecond ?? 0) >= TARGETS.c8Throughput],
    ["issuance p99 at concurrency 8", `≤ ${TARGETS.c8IssuanceP99} ms`, `${c8?.latency.issuance?.p99} ms`, (c8?.latency.issuance?.p99 ?? Infinity) <= TARGETS.c8IssuanceP99],
    ["10-page 戸籍 p50 at concurrency 1", `≤ ${TARGETS.koseki10P50} ms`, `${c1?.latency["issuance koseki-full-10p"]?.p50} ms`, (c1?.latency["issuance koseki-full-10p"]?.p50 ?? Infinity) <= TARGETS.koseki10P50],
    ["server CPU per cycle at concurrency 8", `≤ ${TARGETS.serverCpuPerCycle} ms`, `${c8?.cpu.perCycleMs.server} ms`, (c8?.cpu.perCycleMs.server ?? Infinity) <= TARGETS.serverCpuPerCycle],
    ["server peak RSS under concurrency 8", `≤ ${TARGETS.rssMb} MB`, `${Math.max(c8?.rssMb.peak ?? NaN, r.soak?.rssMb.peak ?? 0)} MB`, Math.max(c8?.rssMb.peak ?? Infinity, r.soak?.rssMb.peak ?? 0) <= TARGETS.rssMb],
    ["`next start` serving (first signed answer)", `≤ ${TARGETS.startMs} ms`, `${r.startMs.firstEligibility} ms`, r.startMs.firstEligibility <= TARGETS.startMs],
  ];
  if (r.soak) {
    const m = r.soak.rssMb.byMinute;
    rows.push(["RSS flat over the soak (last minute − first minute)", "≤ 10 %", `${m[0]} → ${m.at(-1)} MB`, m.length > 1 && m.at(-1)! <= m[0] * 1.1]);
  }
  say(`\n### targets (${r.commit})\n`);
  say(table(["target", "goal", "measured", "met"], rows.map(([a, b, c, d]) => [a, b, c, d ? "yes" : "NO"])));
  return lines.join("\n");
}

// ───────────────────────────── main ─────────────────────────────

defaultEnv("FIELD_ENCRYPTION_KEYS", `bench:${crypto.randomBytes(32).toString("base64")}`);
defaultEnv("FIELD_ENCRYPTION_KEY_ID", "bench");
defaultEnv("LOG_LEVEL", "silent");
const trees = [...args.tree!.map((t) => path.resolve(t)), ...(args["no-self"] ? [] : [ROOT])];
const floorBefore = measureFloor();
const results: TreeResult[] = [];
for (const t of trees) results.push(await measureTree(t));
const text = report(results, floorBefore);
if (args.json) console.log(JSON.stringify({ plan, results, floor: floorBefore }, null, 2));
else console.log(text);
const broken = results.flatMap((r) => [...r.phases, ...(r.soak ? [r.soak] : [])]).filter((p) => p.pdfChecks.failures > 0);
if (broken.length) {
  log(`PDF check failures in ${broken.map((p) => p.name).join(", ")}: ${broken.flatMap((p) => p.pdfChecks.samples).join(" | ")}`);
  process.exit(1);
}
