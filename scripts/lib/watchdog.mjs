// The watchdog of `npm start`: a small detached process that outlives the supervisor (scripts/start.ts). When the
// supervisor dies without stopping its children (kill -9), the watchdog stops the app and the embedded
// PostgreSQL it left behind, so that nothing keeps running (or holding the port and the data directory) with
// nobody to stop it. It exits as soon as the supervisor has gone and the cleanup is done, or when the
// supervisor's run.json no longer names it (a normal stop). Plain JavaScript, no dependencies: it starts fast and small.
//
//   node scripts/lib/watchdog.mjs <supervisor pid> <data dir>
import fs from "node:fs";
import path from "node:path";

const [supervisorPid, dataDir] = [Number(process.argv[2]), process.argv[3]];
const runFile = path.join(dataDir, "run.json");

const alive = (pid) => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const readLock = () => {
  try {
    return JSON.parse(fs.readFileSync(runFile, "utf8"));
  } catch {
    return null;
  }
};

async function stop(pid, first, last, graceMs) {
  if (!alive(pid)) return;
  try {
    process.kill(pid, first);
  } catch {
    return;
  }
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited === graceMs) {
      try {
        process.kill(pid, last);
      } catch {
        return;
      }
    }
    if (waited > graceMs * 2) return;
    await sleep(100);
  }
}

const lockAtStart = readLock();
for (;;) {
  await sleep(500);
  const lock = readLock();
  if (!lock || lock.pid !== supervisorPid) process.exit(0); // stopped normally (or replaced)
  if (alive(supervisorPid)) continue;
  console.error(`[watchdog] npm start (pid ${supervisorPid}) died without stopping its children: stopping them`);
  const current = lock ?? lockAtStart;
  // The app first (its own process group: `next start` and anything it spawned), then the database.
  if (current?.appPid) {
    try {
      process.kill(-current.appPid, "SIGTERM");
    } catch {
      // not a group leader, or gone
    }
    await stop(current.appPid, "SIGTERM", "SIGKILL", 10_000);
  }
  let pgPid = NaN;
  try {
    pgPid = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    // no cluster running
  }
  await stop(pgPid, "SIGINT", "SIGQUIT", 30_000);
  try {
    if (readLock()?.pid === supervisorPid) fs.rmSync(runFile);
  } catch {
    // already gone
  }
  console.error("[watchdog] stopped");
  process.exit(0);
}
