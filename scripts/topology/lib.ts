// Shared by the topology commands (scripts/topology/run.ts, proofs.ts, drill.ts): state, processes, the cluster.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { spawnNext } from "../lib/next";
import { defaultTopology, etcdArgs, etcdEndpoints, haproxyCfg, nginxConf, paths, patroniYaml, PG_BIN, pgbackrestConf, STANZA, type Topology } from "./config";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const { values } = parseArgs({ strict: false, allowPositionals: true, options: { dir: { type: "string" } } });
type Env = Record<string, string | undefined>;
export const DIR = path.resolve((values.dir as string | undefined) ?? "/var/tmp/konbini-topology");
export const log = (s: string) => console.log(`[topology] ${s}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ───────────────────────────── state: pids, secrets, figures ─────────────────────────────

export type Secrets = Topology["secrets"] & { fieldKeys: string; fieldKeyId: string; nextauth: string; metricsToken: string };
export type State = { pids: Record<string, number>; drillTarget?: string; figures: Record<string, Record<string, string | number>> };
const SECRETS_FILE = path.join(DIR, "secrets", "secrets.json");

export function loadSecrets(): Secrets {
  return JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8")) as Secrets;
}
export function topology(): Topology {
  return defaultTopology(DIR, loadSecrets());
}
export function loadState(): State {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIR, "state.json"), "utf8")) as State;
  } catch {
    return { pids: {}, figures: {} };
  }
}
export function saveState(s: State) {
  fs.writeFileSync(path.join(DIR, "state.json"), JSON.stringify(s, null, 2));
}
export function recordPid(name: string, pid: number) {
  const s = loadState();
  s.pids[name] = pid;
  saveState(s);
}
export function recordFigures(section: string, figures: Record<string, string | number>) {
  const s = loadState();
  s.figures[section] = { ...s.figures[section], ...figures };
  saveState(s);
}

// ───────────────────────────── processes and commands ─────────────────────────────

export function sh(cmd: string, args: string[], opts: { env?: Env; cwd?: string; input?: string } = {}): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], ...opts, env: opts.env as NodeJS.ProcessEnv | undefined });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed: ${(err.stderr || err.stdout || err.message).toString().trim().slice(-2000)}`);
  }
}
export const asPostgres = (args: string[], opts: { env?: Env; cwd?: string } = {}) => sh("runuser", ["-u", "postgres", "--", ...args], { cwd: opts.cwd ?? "/tmp", env: opts.env });
export const pgbackrest = (args: string[]) => asPostgres(["pgbackrest", `--config=${paths(topology()).pgbackrestConf}`, `--stanza=${STANZA}`, ...args]);

/** A long-running process, detached from this one (it outlives `up`), its output appended to <dir>/log/<name>.log. */
export function daemon(name: string, cmd: string, args: string[], opts: { user?: string; env?: Env; cwd?: string } = {}): number {
  const out = fs.openSync(path.join(DIR, "log", `${name}.log`), "a");
  const [c, a] = opts.user ? ["runuser", ["-u", opts.user, "--", cmd, ...args]] : [cmd, args];
  const child = spawn(c, a, { detached: true, stdio: ["ignore", out, out], env: (opts.env ?? { ...process.env }) as NodeJS.ProcessEnv, cwd: opts.cwd ?? "/tmp" });
  child.unref();
  fs.closeSync(out);
  recordPid(name, child.pid!);
  return child.pid!;
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (from /proc), recursively. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid === pid) out.push(Number(name), ...descendants(Number(name)));
    } catch {
      /* gone */
    }
  }
  return out;
}

export function killTree(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, signal);
    } catch {
      /* gone */
    }
  }
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const started = Date.now();
  let last: unknown = null;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (${last instanceof Error ? last.message : String(last)})` : ""}`);
}

export function httpStatus(url: string, opts: { method?: string; ca?: Buffer } = {}): Promise<number> {
  return new Promise((resolve) => {
    const lib = url.startsWith("https") ? https : http;
    const req = lib.request(url, { method: opts.method ?? "GET", ca: opts.ca, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}
export function httpJson<T>(url: string): Promise<T | null> {
  return new Promise((resolve) => {
    http
      .get(url, { timeout: 3000 }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => {
          try {
            resolve(JSON.parse(body) as T);
          } catch {
            resolve(null);
          }
        });
      })
      .on("error", () => resolve(null));
  });
}

// ───────────────────────────── the cluster's facts ─────────────────────────────

export type Member = { name: string; role: string; state: string; lag?: number | string; timeline?: number };
/** Patroni's view of the cluster (GET /cluster on any node that answers). */
export async function clusterMembers(t: Topology): Promise<Member[]> {
  for (const n of t.pg) {
    const c = await httpJson<{ members: Member[] }>(`http://127.0.0.1:${n.rest}/cluster`);
    if (c?.members) return c.members;
  }
  return [];
}
/** A member Patroni lists as the synchronous standby, replicating (3.0 says "running", later versions "streaming"). */
export const isSyncStandby = (m: Member) => m.role === "sync_standby" && (m.state === "running" || m.state === "streaming");
export const urls = (t: Topology, port = t.haproxyPort) => ({
  superuser: `postgres://postgres:${encodeURIComponent(t.secrets.superuser)}@127.0.0.1:${port}/konbini`,
  owner: `postgres://konbini_owner:${encodeURIComponent(t.secrets.owner)}@127.0.0.1:${port}/konbini`,
  app: `postgres://konbini_app:${encodeURIComponent(t.secrets.app)}@127.0.0.1:${port}/konbini`,
});

export async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}

// ───────────────────────────── up ─────────────────────────────

const PACKAGES = ["etcd-server", "etcd-client", "patroni", "pgbackrest", "haproxy", "nginx", "postgresql-15", "openssl"];
const BINARIES = ["/usr/bin/etcd", "/usr/bin/etcdctl", "/usr/bin/patroni", "/usr/bin/pgbackrest", "/usr/sbin/haproxy", "/usr/sbin/nginx", `${PG_BIN}/postgres`, "/usr/bin/openssl"];

/** Debian's packages, installed when missing. Their postinst scripts must not start the default services. */
export function ensurePackages() {
  if (BINARIES.every((b) => fs.existsSync(b))) return;
  log(`installing ${PACKAGES.join(" ")} from Debian`);
  const policy = "/usr/sbin/policy-rc.d";
  const ours = !fs.existsSync(policy);
  if (ours) fs.writeFileSync(policy, "#!/bin/sh\n# scripts/topology: no service starts during installation\nexit 101\n", { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    sh("apt-get", ["update", "-qq"], { env });
    sh("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...PACKAGES], { env });
  } finally {
    if (ours) fs.rmSync(policy, { force: true });
  }
  const missing = BINARIES.filter((b) => !fs.existsSync(b));
  if (missing.length) throw new Error(`still missing after apt-get install: ${missing.join(", ")}`);
}

export function makeTls(t: Topology) {
  const tls = paths(t).tls;
  const ssl = (args: string[]) => sh("openssl", args, { cwd: tls });
  ssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=konbini topology local CA", "-keyout", "ca.key", "-out", "ca.pem"]);
  ssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"]);
  fs.writeFileSync(path.join(tls, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  ssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30", "-extfile", "san.ext", "-out", "server.pem"]);
  fs.chmodSync(path.join(tls, "server.key"), 0o600);
}

export function appEnv(t: Topology, port: number): Env {
  const s = loadSecrets();
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: urls(t).app,
    NEXTAUTH_URL: `https://localhost:${t.httpsPort}`,
    NEXTAUTH_SECRET: s.nextauth,
    FIELD_ENCRYPTION_KEYS: s.fieldKeys,
    FIELD_ENCRYPTION_KEY_ID: s.fieldKeyId,
    TRUSTED_PROXY_HOPS: "1",
    KIOSK_PUBLIC_ORIGIN: `https://localhost:${t.httpsPort}`,
    METRICS_TOKEN: s.metricsToken,
    // An address no client here has: the proofs show a forged X-Forwarded-For does not pass as it through nginx.
    METRICS_ALLOWED_ADDRESSES: "10.9.9.9",
    DB_POOL_MAX: "10",
    PDF_WORKERS: "1",
    LOG_LEVEL: "info",
    // The proofs only (see the header): demo data and the clock override. A production node has neither.
    KONBINI_DEMO: "1",
    ALLOW_CLOCK_OVERRIDE: "true",
  };
}

export async function startApp(t: Topology, i: number): Promise<number> {
  const port = t.apps[i];
  // Like daemon(), through spawnNext (telemetry off, scripts/lib/next.ts).
  const name = `app${i + 1}`;
  const out = fs.openSync(path.join(DIR, "log", `${name}.log`), "a");
  const child = spawnNext(["start", "-p", String(port), "-H", "127.0.0.1"], { detached: true, stdio: ["ignore", out, out], env: appEnv(t, port) });
  child.unref();
  fs.closeSync(out);
  const pid = child.pid!;
  recordPid(name, pid);
  await waitFor(`app node ${i + 1} healthy on ${port}`, 120_000, async () => (await httpStatus(`http://127.0.0.1:${port}/api/healthz`)) === 200);
  return pid;
}

export async function up() {
  const started = Date.now();
  if (fs.existsSync(path.join(DIR, "state.json"))) {
    log(`a previous topology is in ${DIR}: taking it down first`);
    await down(true);
  }
  ensurePackages();
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no production build: npm run build");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  for (const d of ["etc", "log", "tls", "secrets", "etcd", "pg", "backup", "pgbackrest-lock", "pgbackrest-spool", "nginx-tmp"]) fs.mkdirSync(path.join(DIR, d), { recursive: true });
  fs.chmodSync(DIR, 0o755);
  fs.chmodSync(path.join(DIR, "secrets"), 0o700);
  const random = () => crypto.randomBytes(18).toString("base64url");
  const secrets: Secrets = {
    superuser: random(),
    replication: random(),
    rewind: random(),
    owner: random(),
    app: random(),
    fieldKeys: `k1:${crypto.randomBytes(32).toString("base64")}`,
    fieldKeyId: "k1",
    nextauth: crypto.randomBytes(32).toString("base64url"),
    metricsToken: crypto.randomBytes(32).toString("hex"),
  };
  // The field-encryption keys live here and in the apps' environment — never in the database or its backups
  // (docs/operations.md "Backups": in production, the operator's secret store and a sealed offline copy).
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  saveState({ pids: {}, figures: {} });
  const t = topology();
  const p = paths(t);
  for (const d of ["pg", "backup", "pgbackrest-lock", "pgbackrest-spool", "log"]) sh("chown", ["postgres:postgres", path.join(DIR, d)]);
  fs.chmodSync(path.join(DIR, "pg"), 0o700);
  fs.mkdirSync("/var/run/postgresql", { recursive: true });
  sh("chown", ["postgres:postgres", "/var/run/postgresql"]);
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(DIR, "nginx-tmp", d), { recursive: true });
  sh("chown", ["-R", "www-data", path.join(DIR, "nginx-tmp")]);
  makeTls(t);

  // Configuration files.
  fs.writeFileSync(p.pgbackrestConf, pgbackrestConf(t), { mode: 0o644 });
  for (const n of t.pg) {
    fs.writeFileSync(p.patroniConf(n.name), patroniYaml(t, n), { mode: 0o600 });
    sh("chown", ["postgres:postgres", p.patroniConf(n.name)]);
  }
  fs.writeFileSync(p.haproxyConf, haproxyCfg(t));
  fs.writeFileSync(p.nginxConf, nginxConf(t));
  sh("haproxy", ["-c", "-q", "-f", p.haproxyConf]);
  sh("nginx", ["-t", "-q", "-c", p.nginxConf]);

  // etcd: all three members at once (each waits for a quorum).
  for (const m of t.etcd) daemon(`etcd-${m.name}`, "etcd", etcdArgs(t, m));
  await waitFor("etcd healthy", 60_000, async () => {
    try {
      sh("etcdctl", ["--endpoints", etcdEndpoints(t), "endpoint", "health"], { env: { ...process.env, ETCDCTL_API: "3" } });
      return true;
    } catch {
      return false;
    }
  });
  log(`etcd: 3 members healthy (${Math.round((Date.now() - started) / 1000)} s)`);

  // Patroni: the first node bootstraps (initdb) and becomes the leader; the second clones it and becomes the
  // synchronous standby.
  daemon("patroni-n1", "patroni", [p.patroniConf("n1")], { user: "postgres" });
  await waitFor("n1 primary", 120_000, async () => (await httpStatus(`http://127.0.0.1:${t.pg[0].rest}/primary`)) === 200);
  daemon("patroni-n2", "patroni", [p.patroniConf("n2")], { user: "postgres" });
  await waitFor("n2 synchronous standby", 180_000, async () => (await clusterMembers(t)).some((m) => m.name === "n2" && isSyncStandby(m)));
  log(`patroni: n1 primary, n2 sync standby (${Math.round((Date.now() - started) / 1000)} s)`);

  daemon("haproxy", "haproxy", ["-W", "-db", "-f", p.haproxyConf]);
  // HAProxy starts with every server up until its first checks: wait until new connections reach only the primary.
  await waitFor("haproxy → primary only", 30_000, async () => {
    for (let i = 0; i < 6; i++) if (!(await query<{ r: boolean }>(urls(t).superuser.replace("/konbini", "/postgres"), "SELECT NOT pg_is_in_recovery() AS r"))[0]?.r) return false;
    return true;
  });

  // The database and its owner; the schema is migrated as the owner through MIGRATION_DATABASE_URL, as an
  // operator does (`npm run db:migrate`), and the app's role may then log in.
  const admin = urls(t).superuser.replace("/konbini", "/postgres");
  await query(admin, `CREATE ROLE konbini_owner LOGIN CREATEROLE PASSWORD '${t.secrets.owner}'`);
  await query(admin, "CREATE DATABASE konbini OWNER konbini_owner");
  // PostgreSQL 15 checks a function's SET clause against the creator's right to set the parameter; the
  // row-level-security migration's SECURITY DEFINER function sets the placeholder app.all_municipalities.
  await query(admin, "GRANT SET ON PARAMETER app.all_municipalities TO konbini_owner");
  const migrateEnv = { ...process.env, MIGRATION_DATABASE_URL: urls(t).owner, DATABASE_URL: urls(t).app, NODE_ENV: "production", KONBINI_DEMO: "" };
  execFileSync("npm", ["run", "--silent", "db:migrate"], { cwd: ROOT, env: migrateEnv as NodeJS.ProcessEnv, stdio: ["ignore", "inherit", "inherit"] });
  await query(admin, `ALTER ROLE konbini_app WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${t.secrets.app}'`);
  log("schema migrated as konbini_owner; konbini_app may log in");
  // The proofs' data: the demo seed (fictional residents, the demo kiosk client), written as the superuser as in
  // the embedded demo (the tables force row-level security even on their owner). A production topology skips it.
  execFileSync(process.execPath, ["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", "scripts/topology/run.ts", "seed", "--dir", DIR], {
    cwd: ROOT,
    env: { ...process.env, ...appEnv(t, t.apps[0]), DATABASE_URL: urls(t).app, MIGRATION_DATABASE_URL: urls(t).superuser },
    stdio: ["ignore", "inherit", "inherit"],
  });

  // pgBackRest: the stanza, a check that WAL reaches the repository, and the first full backup.
  pgbackrest(["stanza-create"]);
  pgbackrest(["check"]);
  let t0 = Date.now();
  pgbackrest(["--type=full", "backup"]);
  recordFigures("backup", { "full backup s": Math.round((Date.now() - t0) / 100) / 10 });
  log(`pgBackRest: stanza ${STANZA}, full backup in ${Math.round((Date.now() - t0) / 1000)} s`);

  t0 = Date.now();
  await Promise.all([startApp(t, 0), startApp(t, 1)]);
  log(`app nodes on ${t.apps.join(", ")} (${Math.round((Date.now() - t0) / 1000)} s)`);
  daemon("nginx", "nginx", ["-c", p.nginxConf, "-g", "daemon off;"]);
  const ca = fs.readFileSync(path.join(p.tls, "ca.pem"));
  await waitFor("nginx → app", 30_000, async () => (await httpStatus(`https://localhost:${t.httpsPort}/api/healthz`, { ca })) === 200);
  recordFigures("up", { "seconds to up": Math.round((Date.now() - started) / 1000) });
  log(`up in ${Math.round((Date.now() - started) / 1000)} s: https://localhost:${t.httpsPort} (CA ${path.join(p.tls, "ca.pem")})`);
}

export async function seed() {
  const { runSeed } = await import("../lib/run-seed");
  const { getEnv } = await import("../../server/env");
  await runSeed(getEnv().MIGRATION_DATABASE_URL!, (s) => log(s));
}

// ───────────────────────────── down ─────────────────────────────

export async function down(removeFiles: boolean) {
  const s = loadState();
  const stop = async (names: string[], signal: NodeJS.Signals, waitMs: number) => {
    for (const n of names) killTree(s.pids[n], signal);
    const until = Date.now() + waitMs;
    while (Date.now() < until && names.some((n) => alive(s.pids[n]))) await sleep(200);
    for (const n of names) if (alive(s.pids[n])) killTree(s.pids[n], "SIGKILL");
  };
  await stop(["nginx"], "SIGQUIT", 5_000);
  await stop(Object.keys(s.pids).filter((n) => n.startsWith("app")), "SIGTERM", 10_000);
  await stop(["haproxy"], "SIGTERM", 5_000);
  // Patroni stops its PostgreSQL on SIGTERM (fast shutdown).
  await stop(Object.keys(s.pids).filter((n) => n.startsWith("patroni")), "SIGTERM", 30_000);
  await stop(["drill-pg"], "SIGTERM", 10_000);
  for (const dir of fs.existsSync(path.join(DIR, "pg")) ? fs.readdirSync(path.join(DIR, "pg")) : []) {
    const pid = postmasterPid(path.join(DIR, "pg", dir));
    if (alive(pid ?? undefined)) killTree(pid!, "SIGKILL");
  }
  await stop(Object.keys(s.pids).filter((n) => n.startsWith("etcd")), "SIGTERM", 10_000);
  if (removeFiles) fs.rmSync(DIR, { recursive: true, force: true });
  log(removeFiles ? `down: stopped and removed ${DIR}` : "down: stopped");
}

