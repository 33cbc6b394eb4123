// Who uses the embedded cluster under a data directory: `run.json` beside it names the process that started
// the cluster (npm start, or a command such as `npm run import` run while no server was up), its pid and
// the cluster's port. A live owner is shared (a second command connects to its cluster) or refused (a second
// `npm start`); a dead owner means its PostgreSQL, if still running, was left behind and may be stopped.
import fs from "node:fs";
import path from "node:path";
import { isAlive } from "./embedded-postgres";

export type RunLock = {
  pid: number;
  /** The command that started the cluster: "start", "import", "db", … */
  command: string;
  /** The embedded cluster's port; null when the process uses an external database. */
  pgPort: number | null;
  /** npm start only: the app process and its port. */
  appPid?: number;
  appPort?: number;
  startedAt: string;
};

const file = (dataDir: string) => path.join(dataDir, "run.json");

/** The live owner of the data directory's embedded cluster, or null (no file, unreadable, or its process is gone). */
export function readRunLock(dataDir: string): RunLock | null {
  let lock: RunLock;
  try {
    lock = JSON.parse(fs.readFileSync(file(dataDir), "utf8")) as RunLock;
  } catch {
    return null;
  }
  return Number.isInteger(lock.pid) && lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
}

export function writeRunLock(dataDir: string, lock: Omit<RunLock, "pid" | "startedAt"> & Partial<Pick<RunLock, "startedAt">>): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const full: RunLock = { pid: process.pid, startedAt: new Date().toISOString(), ...lock };
  const tmp = `${file(dataDir)}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(full, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file(dataDir));
}

export function updateRunLock(dataDir: string, patch: Partial<RunLock>): void {
  try {
    const lock = JSON.parse(fs.readFileSync(file(dataDir), "utf8")) as RunLock;
    if (lock.pid === process.pid) writeRunLock(dataDir, { ...lock, ...patch });
  } catch {
    // no lock of ours
  }
}

/** Removes the lock if it is this process's (or `pid`'s). */
export function removeRunLock(dataDir: string, pid = process.pid): void {
  try {
    const lock = JSON.parse(fs.readFileSync(file(dataDir), "utf8")) as RunLock;
    if (lock.pid === pid) fs.rmSync(file(dataDir));
  } catch {
    // nothing to remove
  }
}
