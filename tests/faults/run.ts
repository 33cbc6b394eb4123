// The fault harness (docs/reliability.md): the real server, started as `npm start` starts it, driven only through
// the signed kiosk API like a centre, while real processes are killed and the real database is stopped, stalled
// and shared. After every scenario the invariants (invariants.ts) are checked; any failure makes the run exit 1.
//
//   npm run test:faults            the CI-sized run (part of npm test): 3 app kills, 1 database restart, 1 stall,
//                                  two app nodes, 1 killed import
//   npm run test:faults -- --full  the full run: 20 kills, 3 database restarts, a 30 s stall, longer loads
//   options: --only kills,db-restart,stall,two-nodes,import,upload,supervision   --port 3500 (uses port and port+1)
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile } from "../../scripts/lib/bench-stats";
import { encryptField, FieldContext, keyringFromEnv } from "../../server/crypto/field-encryption";
import { signRequest } from "../../server/kiosk-protocol/http-signatures";
import { checkInvariants, type InvariantReport } from "./invariants";
import { CLOCK, checkErrorAnswers, loadCrowd, runLoad, send, requestFor, summarise, type Attempt, type Person } from "./load";
import { ROOT, ServerUnderTest } from "./server";

const { values } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    only: { type: "string" },
    port: { type: "string", default: process.env.FAULTS_PORT ?? "3500" },
    keep: { type: "boolean", default: false },
  },
});
const FULL = values.full!;
const PORT = Number(values.port);
const plan = {
  kills: FULL ? 20 : 3,
  dbRestarts: FULL ? 3 : 1,
  stallSeconds: 30,
  twoNodeSeconds: FULL ? 60 : 20,
  importRows: 100_000,
  concurrency: 8,
};
const only = values.only ? new Set(values.only.split(",")) : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const log = (s: string) => console.log(`[faults] ${s}`);

type ScenarioResult = { name: string; figures: Record<string, number | string>; invariants: InvariantReport | null; failures: string[] };
const results: ScenarioResult[] = [];

async function scenario(name: string, server: ServerUnderTest, crowd: Person[], body: (attempts: Attempt[], failures: string[], figures: Record<string, number | string>) => Promise<void>, baseUrl = server.baseUrl) {
  if (only && !only.has(name)) return;
  log(`── ${name}`);
  const attempts: Attempt[] = [];
  const failures: string[] = [];
  const figures: Record<string, number | string> = {};
  const logFrom = server.log.length;
  const started = Date.now();
  try {
    await body(attempts, failures, figures);
  } catch (e) {
    // A scenario that cannot go on (the server did not come back) is a failure with its reason, not a crash.
    failures.push(`${name} stopped: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    results.push({ name, figures, invariants: null, failures });
    for (const f of failures) log(`  FAIL ${f}`);
    return;
  }
  failures.push(...checkErrorAnswers(attempts));
  await server.waitHealthy(60_000);
  const invariants = await checkInvariants({ baseUrl, ownerUrl: server.ownerUrl(), attempts, crowd });
  failures.push(...invariants.failures);
  Object.assign(figures, summarise(attempts), {
    seconds: Math.round((Date.now() - started) / 1000),
    "unhandled-error log lines": server.count(/unhandled error/, logFrom),
    "retried keys": invariants.retried,
    "replayed keys": invariants.replayed,
    "PDFs checked": invariants.pdfsChecked,
    "audit chains verified": invariants.chainsVerified,
  });
  results.push({ name, figures, invariants, failures });
  log(`${name}: ${JSON.stringify(figures)}`);
  for (const f of failures.slice(0, 20)) log(`  FAIL ${f}`);
  // The server's own account of unexpected errors (no request data is logged), to find the cause of a failure.
  for (const line of server.log.slice(logFrom).filter((l) => /unhandled error|"level":50/.test(l)).slice(0, 5)) log(`  server: ${line.slice(0, 1500)}`);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-faults-"));
fs.chmodSync(dataDir, 0o755); // the embedded cluster runs as the unprivileged postgres user when we are root
const server = new ServerUnderTest(dataDir, PORT);
let exitCode = 0;
try {
  log(`starting the server (npm start's scripts/start.ts) on port ${PORT}, data in ${dataDir}`);
  await server.start({ fresh: true });
  const crowd = await loadCrowd(server.baseUrl);
  log(`crowd: ${crowd.length} demo cardholders; requests judged at ${CLOCK}`);

  // 1. SIGKILL of the app at random moments during load; npm start's supervision starts it again each time.
  await scenario("kills", server, crowd, async (attempts, failures, figures) => {
    let stop = false;
    const load = runLoad({ baseUrls: [server.baseUrl], crowd, concurrency: plan.concurrency, stop: () => stop, attempts });
    let survived = 0;
    const restartMs: number[] = [];
    for (let i = 0; i < plan.kills; i++) {
      // npm start restarts a dying app at most 5 times a minute: kills at least 12 s apart.
      await sleep(rand(12_000, 16_000) - (restartMs.at(-1) ?? 0));
      const pid = server.killApp();
      const killedAt = Date.now();
      await sleep(300);
      try {
        restartMs.push(await server.waitHealthy(60_000));
        survived++;
      } catch (e) {
        failures.push(`after kill ${i + 1} (pid ${pid}) the app did not come back: ${String(e).slice(0, 300)}`);
        break;
      }
      log(`kill ${i + 1}/${plan.kills}: pid ${pid}, healthy again after ${Date.now() - killedAt} ms`);
    }
    await sleep(3_000);
    stop = true;
    await load;
    figures["kills survived"] = survived;
    figures["restart p50 ms"] = restartMs.length ? percentile(restartMs.sort((a, b) => a - b), 50) : 0;
  });

  // 2. Immediate shutdown of PostgreSQL (SIGQUIT to the postmaster: what `pg_ctl stop -m immediate` sends) during
  //    load. npm start starts it again; the app, never restarted, answers 503 meanwhile and recovers by itself.
  await scenario("db-restart", server, crowd, async (attempts, failures, figures) => {
    let stop = false;
    const load = runLoad({ baseUrls: [server.baseUrl], crowd, concurrency: plan.concurrency, stop: () => stop, attempts });
    const appPid = server.state().appPid;
    const recoveries: number[] = [];
    for (let i = 0; i < plan.dbRestarts; i++) {
      await sleep(rand(3_000, 6_000));
      const master = server.postmasterPid();
      if (!master) throw new Error("no postmaster");
      process.kill(master, "SIGQUIT");
      const stoppedAt = Date.now();
      // The database is back when a new postmaster accepts connections; the app must be healthy within 10 s of that.
      let backAt = 0;
      while (!backAt && Date.now() - stoppedAt < 60_000) {
        const c = new pg.Client({ connectionString: server.ownerUrl(), connectionTimeoutMillis: 1000 });
        try {
          await c.connect();
          await c.query("SELECT 1");
          backAt = Date.now();
        } catch {
          await sleep(100);
        } finally {
          await c.end().catch(() => undefined);
        }
      }
      if (!backAt) throw new Error("the database did not come back within 60 s");
      const healthyAfter = await server.waitHealthy(30_000).catch(async (e: unknown) => {
        failures.push(`after database stop ${i + 1} the app did not become healthy: ${await diagnose(server)}`);
        throw e;
      });
      recoveries.push(healthyAfter);
      if (healthyAfter > 10_000) failures.push(`the app was healthy ${healthyAfter} ms after the database came back (limit 10 s)`);
      log(`database stop ${i + 1}: back after ${backAt - stoppedAt} ms, app healthy ${healthyAfter} ms later`);
    }
    await sleep(3_000);
    stop = true;
    await load;
    if (server.state().appPid !== appPid) failures.push("the app was restarted: it must recover from a database outage by itself");
    figures["database stops"] = recoveries.length;
    figures["app healthy after database back, max ms"] = Math.max(...recoveries);
    figures["503 database_unavailable"] = attempts.filter((a) => a.code === "database_unavailable").length;
    figures["outage warnings logged"] = server.count(/"msg":"database unavailable/);
  });

  // 3. A stalled database: every process of the cluster stopped (SIGSTOP) for 30 s, then continued. The app's
  //    connections stay open and nothing answers, as with a dead network path. Every issuance in flight must end
  //    by its deadline (ISSUANCE_TIMEOUT_MS, 20 s) without a PDF; nothing may be left half-written.
  await scenario("stall", server, crowd, async (attempts, failures, figures) => {
    let stop = false;
    const load = runLoad({ baseUrls: [server.baseUrl], crowd, concurrency: plan.concurrency, stop: () => stop, attempts });
    await sleep(4_000);
    const pids = server.clusterPids();
    const stalledAt = Date.now();
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    log(`stalled ${pids.length} PostgreSQL processes for ${plan.stallSeconds} s`);
    await sleep(plan.stallSeconds * 1000);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // exited meanwhile
      }
    }
    const resumedAt = Date.now();
    await sleep(5_000);
    stop = true;
    await load;
    const deadlineMs = 20_000;
    // Every request in flight at any moment of the stall ends (answered, never hung) by its deadline plus a margin.
    const during = attempts.filter((a) => a.sentAt < resumedAt && a.sentAt + a.ms > stalledAt);
    const late = during.filter((a) => a.ms > deadlineMs + 5_000);
    if (late.length) failures.push(`${late.length} requests in flight during the stall took longer than the deadline + 5 s (max ${Math.round(Math.max(...late.map((a) => a.ms)))} ms)`);
    const answeredDuring = during.filter((a) => a.outcome === "answered" && a.sentAt + a.ms > stalledAt + 1000 && a.sentAt + a.ms < resumedAt);
    if (answeredDuring.length) failures.push(`${answeredDuring.length} issuances were answered with a PDF while the database was stalled`);
    figures["requests in flight during the stall"] = during.length;
    figures["slowest answer during the stall, ms"] = Math.round(Math.max(0, ...during.map((a) => a.ms)));
  });

  // 4. Two app nodes on one database: load split across both, and the same key sent to both at once.
  await scenario("two-nodes", server, crowd, async (attempts, failures, figures) => {
    const second = await server.startSecondNode(PORT + 1);
    let stop = false;
    const load = runLoad({ baseUrls: [server.baseUrl, second], crowd, concurrency: plan.concurrency, stop: () => stop, attempts });
    let pairs = 0;
    const deadline = Date.now() + plan.twoNodeSeconds * 1000;
    for (let n = 0; Date.now() < deadline; n++) {
      const person = crowd[n % crowd.length];
      const { body, names } = requestFor(person, n);
      const key = crypto.randomUUID();
      const both = await Promise.all([send(server.baseUrl, key, body, person, names), send(second, key, body, person, names)]);
      attempts.push(...both);
      pairs++;
      const ids = new Set(both.filter((a) => a.outcome === "answered").map((a) => a.issuanceId));
      if (ids.size > 1) failures.push(`key ${key}: two issuances answered by the two nodes`);
      for (const a of both) if (a.outcome !== "answered" && a.code !== "idempotency_key_in_progress") failures.push(`key ${key}: ${a.status} ${a.code} from ${a.baseUrl}`);
    }
    stop = true;
    await load;
    await server.stopSecondNodes();
    figures["same-key pairs sent to both nodes"] = pairs;
  });

  // 5. SIGKILL during a 100,000-row import run beside the server (npm run import shares its cluster).
  await scenario("import", server, crowd, async (_attempts, failures, figures) => {
    const file = path.join(dataDir, "residents-100k.csv");
    await run(["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", "scripts/generate-residents.ts", "--rows", String(plan.importRows), "--out", file, "--prefix", "F"]);
    const db = new pg.Client({ connectionString: server.ownerUrl() });
    await db.connect();
    try {
      const m = await db.query<{ id: string; code: string }>(`SELECT id, code FROM "Municipality" ORDER BY code LIMIT 1`);
      const { id: municipalityId, code } = m.rows[0];
      const before = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1`, [municipalityId]);
      // npm run import, killed (SIGKILL of npm itself, then of everything left) once it is well into the file.
      const npm = spawn("npm", ["run", "import", "--", "--municipality", code, "--feed", "residents", "--mode", "full", "--confirm-removals", file], {
        cwd: ROOT,
        env: { ...process.env, KONBINI_DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      npm.stderr!.on("data", (c: Buffer) => (output += c.toString()));
      npm.stdout!.on("data", (c: Buffer) => (output += c.toString()));
      const startedAt = Date.now();
      while (!/reading [\d,]{5,} rows/.test(output) && Date.now() - startedAt < 120_000 && npm.exitCode === null) await sleep(100);
      await sleep(rand(500, 3_000));
      if (npm.exitCode !== null) throw new Error(`the import ended before it could be killed:\n${output}`);
      const job = await db.query<{ id: string }>(`SELECT id FROM "ImportJob" WHERE "municipalityId" = $1 AND status = 'running' ORDER BY "createdAt" DESC LIMIT 1`, [municipalityId]);
      if (!job.rows[0]) throw new Error(`no running import job:\n${output}`);
      npm.kill("SIGKILL");
      const killedAt = Date.now();
      log(`import killed (npm SIGKILL) after ${killedAt - startedAt} ms`);
      // The import's own process must stop by itself (its launcher is gone) and commit nothing.
      let running = true;
      while (running && Date.now() - killedAt < 15_000) {
        await sleep(250);
        running = fs.readdirSync("/proc").some((p) => /^\d+$/.test(p) && safeRead(`/proc/${p}/cmdline`).includes("scripts/import.ts"));
      }
      if (running) failures.push("the import's node process was still running 15 s after npm was killed");
      figures["import process stopped after npm was killed, ms"] = Date.now() - killedAt;
      const after = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1`, [municipalityId]);
      const fromFile = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1 AND "residentNo" LIKE 'F%'`, [municipalityId]);
      if (after.rows[0].n !== before.rows[0].n) failures.push(`residents ${before.rows[0].n} before, ${after.rows[0].n} after the killed import`);
      if (fromFile.rows[0].n !== "0") failures.push(`${fromFile.rows[0].n} rows of the killed file are visible`);
      // The job must be shown as interrupted after the next start: restart the app (kill it; npm start starts it again).
      server.killApp();
      await sleep(500);
      await server.waitHealthy(60_000);
      let status = "";
      const waitFrom = Date.now();
      while (Date.now() - waitFrom < 30_000) {
        const s = await db.query<{ status: string; finishedAt: Date | null }>(`SELECT status::text, "finishedAt" FROM "ImportJob" WHERE id = $1`, [job.rows[0].id]);
        status = s.rows[0].status;
        if (status !== "running") break;
        await sleep(500);
      }
      if (status !== "interrupted") failures.push(`the killed import's job is "${status}", not "interrupted", after the app restarted`);
      const audit = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action LIKE 'import.%interrupt%'`, [job.rows[0].id]);
      if (audit.rows[0].n === "0") failures.push("no audit event for the interrupted import");
      figures["import rows in the file"] = plan.importRows;
      figures["import job status after restart"] = status;
    } finally {
      await db.end();
    }
  });

  // 5b. SIGKILL of the app during a 100,000-row upload to the imports API: the spooled upload (personal data) of
  //     the dead process is removed by the next start's maintenance pass, and the job is marked interrupted.
  await scenario("upload", server, crowd, async (_attempts, failures, figures) => {
    const file = path.join(dataDir, "residents-100k-upload.csv");
    await run(["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", "scripts/generate-residents.ts", "--rows", String(plan.importRows), "--out", file, "--prefix", "U"]);
    const body = fs.readFileSync(file);
    const db = new pg.Client({ connectionString: server.ownerUrl() });
    await db.connect();
    try {
      const m = await db.query<{ id: string }>(`SELECT id FROM "Municipality" ORDER BY code LIMIT 1`);
      const municipalityId = m.rows[0].id;
      const client = await createImportClient(db, municipalityId);
      const before = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1`, [municipalityId]);
      const url = `${server.baseUrl}/api/imports/v1/residents?mode=full&confirmRemovals=1`;
      const headers = { "content-type": "text/csv", ...signRequest({ method: "POST", targetUri: url, body, keyId: client.keyId, secret: client.secret }) };
      const upload = fetch(url, { method: "POST", headers, body }).then(
        async (r) => `${r.status}${r.status === 200 ? "" : ` ${(await r.text()).slice(0, 300)}`}`,
        (e: unknown) => `no answer (${(e as { cause?: { code?: string } }).cause?.code ?? String(e)})`,
      );
      const appPid = server.state().appPid!;
      const spoolsOf = (pid: number) => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`konbini-upload-${pid}-`));
      // Killed once the job runs (the upload is spooled and being imported).
      const waitFrom = Date.now();
      let job: string | undefined;
      while (!job && Date.now() - waitFrom < 120_000) {
        await sleep(200);
        job = (await db.query<{ id: string }>(`SELECT id FROM "ImportJob" WHERE "municipalityId" = $1 AND source = 'api' AND status = 'running'`, [municipalityId])).rows[0]?.id;
      }
      if (!job) throw new Error(`the upload's import never ran (${await Promise.race([upload, sleep(1).then(() => "pending")])})`);
      const spooled = spoolsOf(appPid);
      if (!spooled.length) failures.push("no spooled upload of the app process was seen while the import ran");
      await sleep(rand(500, 2_000));
      server.killApp();
      figures["upload answer"] = await upload;
      // The supervisor starts the app again; its first maintenance pass comes 5 s after the start. The sweep only
      // removes spools older than a minute (a pid may be reused): back-date the dead process's spool to check it now.
      for (const d of spoolsOf(appPid)) {
        const old = new Date(Date.now() - 5 * 60_000);
        fs.utimesSync(path.join(os.tmpdir(), d), old, old);
      }
      await sleep(500);
      await server.waitHealthy(60_000);
      let left = spoolsOf(appPid);
      let status = "";
      const sweepFrom = Date.now();
      while (Date.now() - sweepFrom < 30_000 && (left.length || status !== "interrupted")) {
        await sleep(500);
        left = spoolsOf(appPid);
        status = (await db.query<{ status: string }>(`SELECT status::text FROM "ImportJob" WHERE id = $1`, [job])).rows[0].status;
      }
      if (left.length) failures.push(`the dead app's upload spool is still in ${os.tmpdir()}: ${left.join(", ")}`);
      if (status !== "interrupted") failures.push(`the killed upload's job is "${status}", not "interrupted"`);
      const after = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1`, [municipalityId]);
      const fromFile = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Resident" WHERE "municipalityId" = $1 AND "residentNo" LIKE 'U%'`, [municipalityId]);
      if (after.rows[0].n !== before.rows[0].n || fromFile.rows[0].n !== "0") failures.push(`residents ${before.rows[0].n} → ${after.rows[0].n}, ${fromFile.rows[0].n} rows of the killed upload visible`);
      figures["upload bytes"] = body.length;
      figures["spool removed, job status"] = `${left.length === 0}, ${status}`;
    } finally {
      await db.end();
    }
  });

  // 6. The process around the data: Ctrl-C, kill -9 of npm, kill -9 of npm start's own process, a second start.
  if (!only || only.has("supervision")) {
    log("── supervision");
    const failures: string[] = [];
    const figures: Record<string, number | string> = {};
    const started = Date.now();
    let npm: ReturnType<typeof npmStart> | null = null;
    try {
      const code = await server.stop();
      // 130 is the conventional status of a process ended by Ctrl-C (tsx passes the signal on).
      if (code !== 0 && code !== 130) failures.push(`Ctrl-C: npm start exited ${code}`);
      failures.push(...(await noOrphans("after Ctrl-C", dataDir)));
      // kill -9 of npm itself: its launch chain is gone, so npm start stops the app and the database.
      npm = npmStart(dataDir, PORT);
      await server.waitHealthy(120_000);
      npm.proc.kill("SIGKILL");
      let t = Date.now();
      failures.push(...(await noOrphans("after kill -9 of npm", dataDir, 20_000)));
      figures["everything stopped after kill -9 of npm, ms"] = Date.now() - t;
      // Started again on the same data directory; then kill -9 of the start script's own process: the watchdog.
      npm = npmStart(dataDir, PORT);
      await server.waitHealthy(120_000);
      const supervisor = server.state().pid;
      process.kill(supervisor, "SIGKILL");
      t = Date.now();
      failures.push(...(await noOrphans("after kill -9 of npm start's own process", dataDir, 45_000)));
      figures["everything stopped after kill -9 of start.ts, ms"] = Date.now() - t;
      npm.proc.kill("SIGKILL");
      // Started again; a second npm start on the same data directory is refused with a message.
      npm = npmStart(dataDir, PORT);
      await server.waitHealthy(120_000);
      const second = npmStart(dataDir, PORT + 2);
      const secondCode = await new Promise<number | null>((r) => second.proc.once("exit", (c) => r(c)));
      if (secondCode !== 1 || !/already running/.test(second.output())) failures.push(`a second npm start on the same data directory: exit ${secondCode}, "${second.output().slice(-300)}"`);
      if (!(await server.healthy())) failures.push("the first server stopped answering when a second npm start was tried");
      npm.proc.kill("SIGTERM");
      failures.push(...(await noOrphans("after SIGTERM to npm", dataDir, 30_000)));
    } catch (e) {
      failures.push(`${e instanceof Error ? e.message.split("\n")[0] : String(e)}; npm start said:\n${npm?.output().slice(-3000) ?? ""}`);
      npm?.proc.kill("SIGKILL");
    }
    figures.seconds = Math.round((Date.now() - started) / 1000);
    results.push({ name: "supervision", figures, invariants: null, failures });
    log(`supervision: ${JSON.stringify(figures)}`);
    for (const f of failures) log(`  FAIL ${f}`);
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  const code = await server.stop();
  log(`npm start stopped (exit ${code})`);
  const orphans = await noOrphans("after the run", dataDir);
  if (orphans.length) results.push({ name: "shutdown", figures: {}, invariants: null, failures: orphans });
  if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
}

const failed = results.reduce((n, r) => n + r.failures.length, 0);
console.log("");
console.log(`fault run (${FULL ? "full" : "CI-sized"}) on ${os.cpus().length} cores, ${new Date().toISOString()}`);
for (const r of results) {
  console.log(`${r.name.padEnd(11)} ${r.failures.length ? `FAILED (${r.failures.length})` : "ok"}  ${JSON.stringify(r.figures)}`);
  for (const f of r.failures.slice(0, 10)) console.log(`            FAIL ${f.slice(0, 2000)}`);
}
console.log(`invariant failures: ${failed}`);
process.exit(exitCode || (failed ? 1 : 0));

/** What the app holds on the database and what its health check answers, when it does not recover. */
async function diagnose(s: ServerUnderTest): Promise<string> {
  const health = await fetch(`${s.baseUrl}/api/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
    async (r) => `healthz ${r.status} ${await r.text()}`,
    (e: unknown) => `healthz: no answer (${String(e).slice(0, 80)})`,
  );
  const db = new pg.Client({ connectionString: s.ownerUrl() });
  try {
    await db.connect();
    const { rows } = await db.query<{ usename: string; state: string; n: string; oldest: string }>(
      `SELECT usename, coalesce(state, '-') AS state, count(*)::text AS n, max(now() - state_change)::text AS oldest FROM pg_stat_activity WHERE datname = 'konbini' GROUP BY 1, 2`,
    );
    return `${health}; connections: ${rows.map((r) => `${r.usename}/${r.state}=${r.n} (oldest ${r.oldest})`).join(", ")}`;
  } catch (e) {
    return `${health}; database: ${String(e)}`;
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** `npm start` itself (npm → sh → tsx → scripts/start.ts), as a user runs it. */
function npmStart(dir: string, port: number) {
  let out = "";
  const proc = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), KONBINI_DATA_DIR: dir, NEXTAUTH_URL: `http://localhost:${port}`, ALLOW_CLOCK_OVERRIDE: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return { proc, output: () => out };
}

/** Processes started for this data directory (its path in their command line or environment). */
function processesOf(dir: string): string[] {
  return fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .filter((p) => safeRead(`/proc/${p}/cmdline`).includes(dir) || safeRead(`/proc/${p}/environ`).includes(`KONBINI_DATA_DIR=${dir}`))
    .map((p) => `${p} ${safeRead(`/proc/${p}/cmdline`).replace(/\0/g, " ").slice(0, 80)}`);
}

async function noOrphans(when: string, dir: string, waitMs = 5_000): Promise<string[]> {
  const started = Date.now();
  let left = processesOf(dir);
  while (left.length && Date.now() - started < waitMs) {
    await sleep(250);
    left = processesOf(dir);
  }
  return left.length ? [`${when}: ${left.length} processes still running: ${left.join(" | ")}`] : [];
}

/** An API client confined to one municipality with the imports scope (what a back-office system holds). */
async function createImportClient(db: pg.Client, municipalityId: string): Promise<{ keyId: string; secret: string }> {
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "dev-secrets.json"), "utf8")) as { fieldEncryptionKeys: string; fieldEncryptionKeyId: string };
  const ring = keyringFromEnv({ ...process.env, FIELD_ENCRYPTION_KEYS: secrets.fieldEncryptionKeys, FIELD_ENCRYPTION_KEY_ID: secrets.fieldEncryptionKeyId });
  const keyId = `faults-import-${crypto.randomBytes(4).toString("hex")}`;
  const secret = crypto.randomBytes(24).toString("base64url");
  await db.query(`INSERT INTO "ApiClient" (id, "municipalityId", name, "keyId", "secretCipher", scopes) VALUES (gen_random_uuid(), $1, '障害試験 取込', $2, $3, '{imports}')`, [
    municipalityId,
    keyId,
    encryptField(secret, FieldContext.apiClientSecret, ring).cipher,
  ]);
  return { keyId, secret };
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}
