import "server-only";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { konbiniMetrics } from "../metrics/metrics";
import { issuanceTimeout } from "./issuance-timeout";

/**
 * Admission control for issuances in one process. An issuance holds a pool connection, row locks and the
 * shared eligibility gate from its first statement to its commit; letting more of them in than the render
 * threads can serve only makes each wait for a thread INSIDE its transaction (and, with an unbounded queue,
 * past its deadline). So at most `capacity` issuances run at once; up to `maxQueue` more wait here, before
 * any transaction is opened, and that wait counts against the same deadline. A full queue is answered
 * `server_busy` (503, retry with the same Idempotency-Key) at once.
 */
export class AdmissionGate {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void; fail: (e: unknown) => void }> = [];

  constructor(
    readonly capacity: number,
    readonly maxQueue: number,
  ) {
    if (!(capacity >= 1) || !(maxQueue >= 0)) throw new Error("AdmissionGate: capacity ≥ 1 and maxQueue ≥ 0");
  }

  get running(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for a slot (or fails); the returned function frees it and must be called exactly once. */
  async enter(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw timeout();
    if (this.active < this.capacity) {
      this.active += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueue) {
      konbiniMetrics().admissionRejections.inc({ code: "server_busy" });
      throw new AppError("server_busy", "too many issuances are in progress; retry with the same Idempotency-Key", { details: { retryAfterSeconds: 1 } });
    }
    return new Promise<() => void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal.removeEventListener("abort", onAbort);
          resolve(this.releaser());
        },
        fail: reject,
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        konbiniMetrics().admissionRejections.inc({ code: "issuance_timeout" });
        reject(timeout());
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant(); // the slot passes straight on: `active` stays the same
      else this.active -= 1;
    };
  }
}

function timeout() {
  return issuanceTimeout("the issuance did not start before the deadline");
}

const globalForGate = globalThis as unknown as { __issuanceGate?: AdmissionGate };

/** The process's gate: ISSUANCE_CONCURRENCY (default 2 × render threads) running, ISSUANCE_QUEUE_MAX (default 256) waiting. */
export function issuanceGate(): AdmissionGate {
  if (!globalForGate.__issuanceGate) {
    const env = getEnv();
    const capacity = env.ISSUANCE_CONCURRENCY ?? 2 * env.PDF_WORKERS;
    const maxQueue = env.ISSUANCE_QUEUE_MAX;
    globalForGate.__issuanceGate = new AdmissionGate(capacity, maxQueue);
  }
  return globalForGate.__issuanceGate;
}
