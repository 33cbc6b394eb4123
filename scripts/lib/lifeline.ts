// The launch chain of a long-running command: `npm start` is npm → sh -c → node scripts/start.ts (tsx as a loader), and
// `kill -9` of npm (or of the shell) leaves the rest running as orphans with nobody to stop them. The command
// watches the processes that launched it, up to the shell or service manager the user started it from, and
// stops itself cleanly when one of them is gone. Linux (/proc) only; elsewhere it watches nothing.
import fs from "node:fs";
import { isAlive } from "./embedded-postgres";

type Ancestor = { pid: number; startTime: string; name: string };

/** The boundary of a launch chain: a shell run without -c (interactive, or running a script file), init or a session manager. */
const SESSION_LEADERS = new Set(["systemd", "init", "tini", "dumb-init", "sshd", "login", "tmux: server", "screen", "SCREEN", "containerd-shim", "su", "sudo"]);
const SHELLS = new Set(["sh", "dash", "bash", "zsh", "ash", "fish"]);

function stat(pid: number): { ppid: number; startTime: string; name: string } | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid … starttime (field 22); comm may hold spaces and parentheses.
    const close = raw.lastIndexOf(")");
    const name = raw.slice(raw.indexOf("(") + 1, close);
    const fields = raw.slice(close + 2).split(" ");
    return { ppid: Number(fields[1]), startTime: fields[19], name };
  } catch {
    return null;
  }
}

function argv(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** The processes between this one and the session it was started from (nearest first). */
export function launchChain(): Ancestor[] {
  const chain: Ancestor[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 16) {
    const s = stat(pid);
    if (!s) break;
    const args = argv(pid);
    const shell = SHELLS.has(s.name) || SHELLS.has((args[0] ?? "").split("/").pop()!.replace(/^-/, ""));
    if (SESSION_LEADERS.has(s.name) || (shell && !args.includes("-c"))) break;
    chain.push({ pid, startTime: s.startTime, name: s.name });
    pid = s.ppid;
  }
  return chain;
}

/**
 * Calls `onGone` once when a process of the launch chain has died (checked every `intervalMs`). Returns a
 * function that stops watching. The timer does not keep the process alive.
 */
export function watchLaunchChain(onGone: (who: { pid: number; name: string }) => void, intervalMs = 1000): () => void {
  const chain = launchChain();
  if (!chain.length) return () => {};
  const timer = setInterval(() => {
    const gone = chain.find((a) => !isAlive(a.pid) || stat(a.pid)?.startTime !== a.startTime);
    if (gone) {
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
