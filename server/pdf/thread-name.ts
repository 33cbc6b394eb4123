// The PDF render threads name themselves, so that an operator's `top -H` / `ps -L` and the HTTP benchmark
// (scripts/bench-http.ts, per-thread CPU from /proc) can tell them from the main thread and Node's helpers.
// No "server-only": runs inside the worker threads.
import fs from "node:fs";

export const PDF_THREAD_NAME = "pdf-worker";

/** Names the calling thread (Linux: /proc/thread-self/comm, at most 15 bytes); elsewhere nothing happens. */
export function namePdfThread(): void {
  try {
    fs.writeFileSync("/proc/thread-self/comm", PDF_THREAD_NAME);
  } catch {
    // not Linux, or /proc not mounted: the name is only for observation
  }
}
