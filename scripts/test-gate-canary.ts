// The test gate must be able to fail (issue 13). Runs one deliberately failing unit test, one failing
// integration test (with the embedded PostgreSQL global setup) and one failing Playwright test, each through
// the project's own configuration, and exits 1 unless every run exits non-zero with exactly that one test
// reported as failed. `.ci/run` runs it before the suite; `npm run test:canary` runs it by hand.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-canary-"));

type Run = {
  name: string;
  command: string[];
  env?: Record<string, string>;
  report: string;
  /** Failed and total test counts from the run's JSON report. */
  counts(report: unknown): { failed: number; total: number };
};

type VitestReport = { numFailedTests: number; numTotalTests: number };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };

const vitestRun = (project: "unit" | "integration"): Run => {
  const report = path.join(scratch, `vitest-${project}.json`);
  return {
    name: `vitest ${project}`,
    command: [bin("vitest"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    report,
    counts: (r) => ({ failed: (r as VitestReport).numFailedTests, total: (r as VitestReport).numTotalTests }),
  };
};

const playwrightReport = path.join(scratch, "playwright.json");
const runs: Run[] = [
  vitestRun("unit"),
  vitestRun("integration"),
  {
    name: "playwright",
    command: [bin("playwright"), "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport },
    report: playwrightReport,
    counts: (r) => {
      const s = (r as PlaywrightReport).stats;
      return { failed: s.unexpected, total: s.expected + s.unexpected + s.flaky + s.skipped };
    },
  },
];

const problems: string[] = [];
for (const run of runs) {
  const started = Date.now();
  console.log(`[canary] ${run.name}: running one deliberately failing test`);
  const result = spawnSync(run.command[0], run.command.slice(1), {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, ...run.env, KONBINI_TEST_CANARY: "1", CI: "1" },
    timeout: 120_000,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verdict = check(run, result.status);
  if (verdict) {
    problems.push(`${run.name}: ${verdict}`);
    console.log(result.stdout);
    console.error(result.stderr);
  }
  console.log(`[canary] ${run.name}: exit ${result.status ?? result.signal} in ${seconds} s — ${verdict ?? "red as it must be"}`);
}
fs.rmSync(scratch, { recursive: true, force: true });

if (problems.length > 0) {
  console.error(`[canary] FAILED: the test gate cannot be trusted.\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("[canary] every runner exits non-zero on a failing test");

/** Why this run does not prove the gate can fail, or null when it does. */
function check(run: Run, status: number | null): string | null {
  if (status === 0) return "exited 0 although its only test fails";
  if (status === null) return "did not finish (timeout or signal)";
  if (!fs.existsSync(run.report)) return `exited ${status} without a report: it failed for another reason than the canary test`;
  const { failed, total } = run.counts(JSON.parse(fs.readFileSync(run.report, "utf8")));
  if (total !== 1 || failed !== 1) return `expected exactly the one canary test to run and fail, got ${failed} failed of ${total}`;
  return null;
}
