// `npm start`: the portal and API on the embedded PostgreSQL (or DATABASE_URL).
//   0. the run mode (server/startup/run-mode.ts): demo mode is the default for the embedded database only and
//      never with NODE_ENV=production or an external database; it is handed to Next as KONBINI_DEMO=1/0;
//   1. demo mode: development secrets under .data/ unless NEXTAUTH_SECRET / FIELD_ENCRYPTION_KEYS are set.
//      Production: the settings are checked first and the start is refused with the setting to change;
//   2. the database: DATABASE_URL (+ MIGRATION_DATABASE_URL), or the embedded cluster under .data/pg on a free port
//      (refused while another `npm start` runs on the same data directory; a PostgreSQL left behind by a killed
//      one is stopped first);
//   3. `prisma migrate deploy` as the owner; in demo mode the demo seed when the database is empty; in production
//      the data is checked (no demo account with the published password, no demo kiosk client); the app connects
//      as konbini_app, which row-level security applies to (docs/decisions/0008-row-level-security.md);
//   4. `next build` when the build is missing or older than the sources, then `next start` (both with Next.js
//      telemetry off: scripts/lib/next.ts).
// Supervision (docs/reliability.md): the app or the embedded PostgreSQL dying is restarted with a message (at most
// 5 times a minute, then npm start stops with exit 1); Ctrl-C / SIGTERM stop Next and then PostgreSQL cleanly;
// the death of a process that launched npm start (npm, its shell: kill -9) stops it too (scripts/lib/lifeline.ts), and
// a detached watchdog (scripts/lib/watchdog.mjs) stops the app and PostgreSQL if this process itself is killed.
// `--dev` runs `next dev` instead.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { DATA_DIR, ROOT, isEmpty, prepareDatabase, type ResolvedDatabase } from "./lib/database";
import { stopOnSignalsYourself } from "./lib/embedded-postgres";
import { watchLaunchChain } from "./lib/lifeline";
import { removeRunLock, updateRunLock, writeRunLock } from "./lib/run-lock";
import { spawnNext } from "./lib/next";
import { runSeed } from "./lib/run-seed";
import { buildPdfWorker } from "./build-pdf-worker";
import { checkProductionData, checkProductionSettings, formatReadinessProblems } from "../server/startup/production-readiness";
import { resolveRunMode, RunModeError, type RunMode } from "../server/startup/run-mode";
import { defaultEnv, EnvError, getEnv, rawEnv, setEnv, type Env } from "../server/env";

const dev = process.argv.includes("--dev");
const log = (s: string) => console.log(s);

let mode: RunMode;
try {
  mode = resolveRunMode(rawEnv());
} catch (e) {
  if (!(e instanceof RunModeError)) throw e;
  console.error(`[start] ${e.message}`);
  process.exit(2);
}
// Every setting is valid before anything starts (server/env.ts): a bad value is named here, not met later
// as a NaN deadline or a pool of "abc" connections.
let env: Env;
try {
  env = getEnv();
} catch (e) {
  if (!(e instanceof EnvError)) throw e;
  console.error(`[start] ${e.message}`);
  process.exit(1);
}
// --fresh starts from an empty embedded cluster (used by the e2e server with its own KONBINI_DATA_DIR).
if (process.argv.includes("--fresh") && !env.DATABASE_URL) fs.rmSync(path.join(DATA_DIR, "pg"), { recursive: true, force: true });
const port = env.PORT;
setEnv("KONBINI_DEMO", mode.demo ? "1" : "0");
if (mode.demo) {
  log(`[start] demo mode (${mode.why}): demo data, the kiosk simulator and generated development secrets`);
  applyDevSecrets(DATA_DIR);
  defaultEnv("NEXTAUTH_URL", `http://localhost:${port}`);
} else {
  log(`[start] production mode (${mode.why})`);
  const problems = checkProductionSettings(rawEnv());
  if (problems.length) {
    console.error(`[start] ${formatReadinessProblems(problems)}`);
    process.exit(1);
  }
}

let db: ResolvedDatabase;
try {
  db = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: "start", whenRunning: "refuse", log });
} catch (e) {
  console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const { embedded } = db;
if (!embedded) writeRunLock(DATA_DIR, { command: "start", pgPort: null });
// `next build` and `next start` see the app's connection (the role row-level security applies to).
setEnv("DATABASE_URL", db.appUrl);
let child: ChildProcess | null = null;
let stopping = false;

const running = (p: ChildProcess | null): p is ChildProcess => p !== null && p.exitCode === null && p.signalCode === null;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  const app = child;
  if (running(app)) {
    const exited = new Promise((r) => app.once("exit", r));
    app.kill("SIGTERM");
    const forced = setTimeout(() => app.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(forced);
  }
  if (embedded) {
    await embedded.stop();
    log("[db] embedded PostgreSQL stopped");
  } else {
    removeRunLock(DATA_DIR);
  }
  process.exit(code);
}
stopOnSignalsYourself();
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
// kill -9 of npm (or tsx) must not leave this process, the app and PostgreSQL running with nobody to stop them.
watchLaunchChain((who) => {
  console.error(`[start] ${who.name} (pid ${who.pid}), which started npm start, has gone: stopping the app and the database`);
  void shutdown(1);
});
// …and kill -9 of this process: the watchdog stops what it leaves behind.
spawn(process.execPath, [path.join(ROOT, "scripts", "lib", "watchdog.mjs"), String(process.pid), DATA_DIR], { detached: true, stdio: ["ignore", "inherit", "inherit"] }).unref();

/** Restarts within the last minute; a child that keeps dying is not restarted for ever. */
const restarts = { app: [] as number[], db: [] as number[] };
function mayRestart(which: "app" | "db"): number | null {
  const now = Date.now();
  restarts[which] = restarts[which].filter((t) => now - t < 60_000);
  if (restarts[which].length >= 5) return null;
  restarts[which].push(now);
  return restarts[which].length;
}

embedded?.onUnexpectedExit((code, signal) => {
  if (stopping) return;
  const n = mayRestart("db");
  if (n === null) {
    console.error(`[db] embedded PostgreSQL stopped unexpectedly again (${signal ?? `exit ${code}`}), 5 times within a minute: stopping npm start`);
    void shutdown(1);
    return;
  }
  console.error(`[db] embedded PostgreSQL stopped unexpectedly (${signal ?? `exit ${code}`}); starting it again in 2 s (restart ${n} of 5 within a minute). Requests meanwhile are answered 503 database_unavailable.`);
  setTimeout(() => {
    if (stopping) return;
    embedded
      .restart()
      .then(() => log(`[db] embedded PostgreSQL running again on port ${embedded.port}`))
      .catch((e) => {
        console.error(`[db] embedded PostgreSQL could not be started again: ${e instanceof Error ? e.message : String(e)}`);
        void shutdown(1);
      });
  }, 2_000);
});

try {
  if (!mode.demo) {
    const problems = await checkProductionData(db.ownerUrl, rawEnv());
    if (problems.length) {
      console.error(`[start] ${formatReadinessProblems(problems)}`);
      await shutdown(1);
    }
  } else if (await isEmpty(db.ownerUrl)) {
    log("[db] empty database: loading demo data");
    await runSeed(db.ownerUrl, log);
  } else {
    log("[db] database has data: demo seed skipped");
  }
  if (!dev && needsBuild()) {
    log("[start] building the app (next build)…");
    // Asynchronous, so that Ctrl-C during a build still stops everything (the build runs in this process group).
    const build = spawnNext(["build"], { stdio: "inherit", env: process.env });
    child = build; // stopped by shutdown() like the app
    const [code, signal] = (await once(build, "exit")) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`next build ${signal ? `was stopped (${signal})` : `failed (exit ${code})`}`);
    // What `npm run build` does after next build: the PDF worker as plain JavaScript.
    await buildPdfWorker();
  }
} catch (e) {
  console.error(`[start] failed: ${e instanceof Error ? e.message : String(e)}`);
  await shutdown(1);
}

/**
 * Starts the app in its own process group (the watchdog stops the whole group). An app that was killed, or
 * that had run for a while, is started again; one that fails at start-up ends npm start with its exit code.
 */
function startApp() {
  const startedAt = Date.now();
  const app = spawnNext([dev ? "dev" : "start", "-p", String(port)], {
    stdio: "inherit",
    env: { ...process.env, KONBINI_SUPERVISOR_PID: String(process.pid) },
    detached: true,
  });
  child = app;
  updateRunLock(DATA_DIR, { appPid: app.pid, appPort: port });
  app.on("exit", (code, signal) => {
    if (stopping) return;
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (!signal && Date.now() - startedAt < 10_000) {
      console.error(`[start] the app ${how} during start-up: stopping`);
      void shutdown(code || 1);
      return;
    }
    const n = mayRestart("app");
    if (n === null) {
      console.error(`[start] the app ${how}, the 5th time within a minute: stopping npm start`);
      void shutdown(1);
      return;
    }
    console.error(`[start] the app (pid ${app.pid}) ${how}; starting it again (restart ${n} of 5 within a minute)`);
    setTimeout(() => !stopping && startApp(), 500);
  });
}
startApp();
log(`[start] http://localhost:${port}`);

/** True when there is no production build or a source file is newer than it. */
function needsBuild(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const roots = ["app", "components", "server", "lib", "types", "next.config.js", "package.json", "prisma/schema.prisma"];
  const newer = (p: string): boolean => {
    const full = path.join(ROOT, p);
    if (!fs.existsSync(full)) return false;
    const st = fs.statSync(full);
    if (!st.isDirectory()) return st.mtimeMs > builtAt;
    if (p === "server/generated") return false;
    return fs.readdirSync(full).some((n) => newer(path.join(p, n)));
  };
  return roots.some(newer);
}
