// Deliberately failing (issue 13). Run only by scripts/test-gate-canary.ts with playwright.config.ts in its
// canary mode (KONBINI_TEST_CANARY=1: this directory, no web server, so it costs seconds, not a build).
// The canary passes only if this run exits non-zero.
import { expect, test } from "@playwright/test";

test("canary: a failing Playwright test makes `playwright test` exit non-zero", async ({ page }) => {
  await page.setContent("<main><h1>カナリア</h1></main>");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("存在しない見出し", { timeout: 1_000 });
});
