import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its own browser here: use Debian's chromium when present (.ci/run installs it).
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The test-gate canary (scripts/test-gate-canary.ts) runs one deliberately failing test from tests/canary
// with this configuration but without the web server (it needs no app), and fails CI unless the run fails.
const canary = process.env.KONBINI_TEST_CANARY === "1";

export default defineConfig({
  testDir: canary ? "tests/canary" : "tests/e2e",
  ...(canary ? { testMatch: "e2e.canary.ts", outputDir: "test-results/canary" } : {}),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  // The production build (npm run build runs before e2e in npm test) on a fresh embedded database with demo data.
  webServer: canary ? undefined : {
    // node with the tsx loader, not the tsx CLI: the CLI relays a signal and SIGKILLs its child when the child does
    // not acknowledge it within 30 ms (under load it often cannot), which cut npm start's clean shutdown short.
    command: "node --import tsx scripts/start.ts --fresh",
    url: `http://localhost:${PORT}/api/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // The clock override lets tests judge requests at a fixed instant (service hours, year-end); never set in production.
    // NEXT_TELEMETRY_DISABLED: no Next.js telemetry (scripts/start.ts sets it for its `next` children too).
    env: { PORT: String(PORT), KONBINI_DATA_DIR: `.data/e2e-${PORT}`, NEXTAUTH_URL: `http://localhost:${PORT}`, ALLOW_CLOCK_OVERRIDE: "true", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
