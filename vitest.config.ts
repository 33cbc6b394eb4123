import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  // Tests assert on behaviour, not on log lines; LOG_LEVEL=info in the shell brings them back.
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.join(root, "tests/setup/server-only-stub.ts"),
    },
  },
};

process.env.LOG_LEVEL ??= "silent";

// The test-gate canary (scripts/test-gate-canary.ts) runs this same configuration (global setup, setup
// files) on deliberately failing tests kept outside the normal globs, and fails CI unless the run fails.
const canary = process.env.KONBINI_TEST_CANARY === "1";

export default defineConfig(({ mode }) => {
  // `npm run fuzz` (vitest run --mode fuzz) is the full fuzz run: tests/fuzz/fuzz-run.ts reads FUZZ_FULL
  // (workers inherit this process's environment).
  if (mode === "fuzz") process.env.FUZZ_FULL ??= "1";
  return {
    test: {
      projects: [
        {
          ...shared,
          test: {
            name: "unit",
            include: canary
              ? ["tests/canary/unit.canary.ts"]
              : ["lib/**/*.test.ts", "server/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts", "tests/fuzz/pure/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          ...shared,
          test: {
            name: "integration",
            // tests/fuzz/db: property-based fuzzing against the database (CI-sized; `npm run fuzz` runs the full count).
            include: canary ? ["tests/canary/integration.canary.ts"] : ["tests/integration/**/*.test.ts", "tests/fuzz/db/**/*.test.ts"],
            environment: "node",
            // One embedded PostgreSQL per run; each test file gets its own database cloned from a migrated template.
            globalSetup: ["tests/setup/global-setup.ts"],
            setupFiles: ["tests/setup/database.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
