// The one runner of the fuzz targets (vitest in CI, `npm run fuzz` for the full run, tests/fuzz/http.ts over
// HTTP): how many runs, which seed, and the per-target line "runs, failures, time" that docs/reliability.md
// quotes. A failure throws fast-check's report (seed, path and the shrunk counterexample), so a red run can be
// replayed with FUZZ_SEED=<seed> FUZZ_PATH=<path>.
import fc from "fast-check";

/** `vitest run --mode fuzz` (npm run fuzz) or FUZZ_FULL=1: the full run. */
export const FUZZ_FULL = (import.meta as { env?: { MODE?: string } }).env?.MODE === "fuzz" || process.env.FUZZ_FULL === "1";

/** Runs per target: FUZZ_RUNS when set, else 10,000 in the full run and `ciRuns` in `npm run test:unit`. */
export function fuzzRuns(ciRuns = 300): number {
  const raw = process.env.FUZZ_RUNS?.trim();
  if (raw && /^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
  return FUZZ_FULL ? 10_000 : ciRuns;
}

/** A test timeout that grows with the number of runs (ms per run is the target's own estimate). */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(120_000, runs * msPerRun * 3);
}

export type TargetSummary = { target: string; runs: number; failures: number; seconds: number; seed: number };

/** Every target's summary of this process, in the order they ran (tests/fuzz/http.ts prints them as a table). */
export const summaries: TargetSummary[] = [];

let unhandled = 0;
const countUnhandled = () => {
  unhandled++;
};
process.on("unhandledRejection", countUnhandled);

/**
 * Runs one property and prints `[fuzz] <target>: <runs> runs, <failures> failures, <s> s (seed <seed>)`.
 * fast-check stops at the first failure and shrinks it, so failures is 0 or 1; an unhandled rejection during
 * the target counts as a failure too.
 */
export async function runTarget(target: string, property: fc.IRawProperty<unknown>, opts: { runs?: number } = {}): Promise<TargetSummary> {
  const numRuns = opts.runs ?? fuzzRuns();
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 0x100000000);
  const path = process.env.FUZZ_PATH || undefined;
  const unhandledBefore = unhandled;
  const started = performance.now();
  const details = await fc.check(property, { numRuns, seed, path, endOnFailure: false });
  // Let rejections of this target's last run surface before counting them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const strays = unhandled - unhandledBefore;
  const failures = (details.failed ? 1 : 0) + strays;
  const summary: TargetSummary = { target, runs: details.numRuns, failures, seconds: (performance.now() - started) / 1000, seed: details.seed };
  summaries.push(summary);
  console.log(`[fuzz] ${target}: ${summary.runs} runs, ${failures} failures, ${summary.seconds.toFixed(1)} s (seed ${summary.seed})`);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const report = fc.defaultReportMessage(details) ?? "";
    throw new Error(`[fuzz] ${target} failed: ${cause.slice(0, 2000)}\n${report.length > 6000 ? `${report.slice(0, 6000)}… (${report.length} characters)` : report}`);
  }
  if (strays) throw new Error(`[fuzz] ${target}: ${strays} unhandled rejection(s) during the run`);
  return summary;
}
