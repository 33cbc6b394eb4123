import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { account, signIn } from "./helpers/sign-in";

// Demo accounts come from the seed that `npm start` loads into the fresh e2e database (docs/demo-data.md).
const CLERK = account("setagaya-clerk");

test("the sign-in page is Japanese and has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveTitle(/証明発行サーバ/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { name: "職員ログイン" })).toBeVisible();
  await expect(page.getByLabel("ログインID")).toBeVisible();
  await expect(page.getByLabel("パスワード")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("a protected page sends an anonymous visitor to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused with a Japanese message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("ログインID").fill(CLERK.loginId);
  await page.getByLabel("パスワード").fill("wrong-password");
  await page.getByRole("button", { name: "ログイン" }).click();
  // (Next's route announcer is also role=alert, so pick ours by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "ログインIDまたはパスワードが正しくありません" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("empty fields show messages tied to their fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByText("ログインIDを入力してください。")).toBeVisible();
  await expect(page.getByLabel("ログインID")).toHaveAttribute("aria-invalid", "true");
});

test("a clerk signs in, sees the municipality on the dashboard, and signs out", async ({ page }, testInfo) => {
  await signIn(page, testInfo, CLERK);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("世田谷区");
  await expect(page.getByRole("main")).toContainText("131121");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});
