// CPU and memory of processes and threads, read from Linux /proc, for the benchmark scripts (bench-issuance,
// bench-import, bench-http): one reading of /proc/<pid>/stat, of a PostgreSQL cluster's processes, of the
// machine's busy and idle time, and of a process's resident memory. Ticks are USER_HZ (100 per second on
// Linux). Elsewhere than Linux every reader throws; callers leave the numbers out.
import fs from "node:fs";

export const CLK_TCK = 100;

/** utime + stime of a process (all its threads) or, with a tid path, of one thread. */
function statTicks(statPath: string): { ticks: number; ppid: number; children: number } {
  const s = fs.readFileSync(statPath, "utf8");
  const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
  return { ticks: Number(f[11]) + Number(f[12]), ppid: Number(f[1]), children: Number(f[13]) + Number(f[14]) };
}

export function procTicks(pid: number): number {
  return statTicks(`/proc/${pid}/stat`).ticks;
}

/**
 * CPU ticks of a PostgreSQL cluster: the postmaster and every process it started (backends, auxiliaries),
 * plus the postmaster's children that have exited (cutime + cstime: a backend ends with its connection).
 */
export function clusterTicks(postmasterPid: number | null): number {
  if (!postmasterPid) return 0;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ticks: t, ppid, children } = statTicks(`/proc/${entry}/stat`);
      if (ppid === postmasterPid) ticks += t;
      if (Number(entry) === postmasterPid) ticks += t + children;
    } catch {
      // the process ended between readdir and read
    }
  }
  return ticks;
}

/** The machine's total and idle ticks (all cores), from the first line of /proc/stat. */
export function machineTicks(): { total: number; idle: number } {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + (f[4] ?? 0) };
}

export type ThreadTicks = { tid: number; name: string; ticks: number };

/** Every thread of a process with its name (/proc/<pid>/task/<tid>/comm) and CPU ticks. */
export function threadTicks(pid: number): ThreadTicks[] {
  const out: ThreadTicks[] = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      out.push({ tid: Number(tid), name, ticks: statTicks(`/proc/${pid}/task/${tid}/stat`).ticks });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Resident set size in bytes (VmRSS), or null when the process is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
