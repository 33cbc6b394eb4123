// `npm start`: the portal and API on the embedded PostgreSQL (or DATABASE_URL).
//   0. the run mode (server/startup/run-mode.ts): demo mode is the default for the embedded database only and
//      never with NODE_ENV=production or an external database; it is handed to Next as KONBINI_DEMO=1/0;
//   1. demo mode: development secrets under .data/ unless NEXTAUTH_SECRET / FIELD_ENCRYPTION_KEYS are set.
//      Production: the settings are checked first and the start is refused with the setting to change;
//   2. the database: DATABASE_URL (+ MIGRATION_DATABASE_URL), or the embedded cluster under .data/pg on a free port;
//   3. `prisma migrate deploy` as the owner; in demo mode the demo seed when the database is empty; in production
//      the data is checked (no demo account with the published password, no demo kiosk client); the app connects
//      as konbini_app, which row-level security applies to (docs/decisions/0008-row-level-security.md);
//   4. `next build` when the build is missing or older than the sources, then `next start`.
// Ctrl-C / SIGTERM stop Next and then PostgreSQL cleanly. `--dev` runs `next dev` instead.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { DATA_DIR, ROOT, isEmpty, prepareDatabase, type ResolvedDatabase } from "./lib/database";
import { runSeed } from "./lib/run-seed";
import { checkProductionData, checkProductionSettings, formatReadinessProblems } from "../server/startup/production-readiness";
import { resolveRunMode, RunModeError, type RunMode } from "../server/startup/run-mode";

const dev = process.argv.includes("--dev");
// --fresh starts from an empty embedded cluster (used by the e2e server with its own KONBINI_DATA_DIR).
if (process.argv.includes("--fresh") && !process.env.DATABASE_URL) fs.rmSync(path.join(DATA_DIR, "pg"), { recursive: true, force: true });
const port = Number(process.env.PORT ?? 3000);
const log = (s: string) => console.log(s);

let mode: RunMode;
try {
  mode = resolveRunMode(process.env);
} catch (e) {
  if (!(e instanceof RunModeError)) throw e;
  console.error(`[start] ${e.message}`);
  process.exit(2);
}
process.env.KONBINI_DEMO = mode.demo ? "1" : "0";
if (mode.demo) {
  log(`[start] demo mode (${mode.why}): demo data, the kiosk simulator and generated development secrets`);
  applyDevSecrets(DATA_DIR);
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
} else {
  log(`[start] production mode (${mode.why})`);
  const problems = checkProductionSettings(process.env);
  if (problems.length) {
    console.error(`[start] ${formatReadinessProblems(problems)}`);
    process.exit(1);
  }
}

let db: ResolvedDatabase;
try {
  db = await prepareDatabase(appDatabasePassword(DATA_DIR), log);
} catch (e) {
  console.error("[start] failed:", e instanceof Error ? e.message : e);
  process.exit(1);
}
const { embedded } = db;
// `next build` and `next start` see the app's connection (the role row-level security applies to).
process.env.DATABASE_URL = db.appUrl;
let child: ChildProcess | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child!.once("exit", r));
  }
  if (embedded) {
    await embedded.stop();
    log("[db] embedded PostgreSQL stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  if (!mode.demo) {
    const problems = await checkProductionData(db.ownerUrl, process.env);
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
    execFileSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit", env: process.env });
  }
} catch (e) {
  console.error("[start] failed:", e instanceof Error ? e.message : e);
  await shutdown(1);
}

child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), [dev ? "dev" : "start", "-p", String(port)], {
  cwd: ROOT,
  stdio: "inherit",
  env: process.env,
});
child.on("exit", (code) => void shutdown(code ?? 0));
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
