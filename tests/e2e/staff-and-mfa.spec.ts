import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import crypto from "node:crypto";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { completeEnrolment, completeTotpStep, signIn, signInPassword, type Account } from "./helpers/sign-in";

// A municipality of this spec's own (helpers/fixtures.ts): an auditor who has never signed in, so this spec
// sees the first sign-in; the administrator whose staff list is shown, with a clerk on it; and a clerk of
// another municipality, who must not be on it.
let FIRST: Account;
let ADMIN: Account;
let CLERK: Account;
let OTHER_CLERK: Account;

test.beforeAll(async () => {
  const own = await createE2eMunicipality();
  FIRST = await createE2eStaff(own.id, "auditor");
  ADMIN = await createE2eStaff(own.id, "municipal_admin");
  CLERK = await createE2eStaff(own.id, "clerk");
  OTHER_CLERK = await createE2eStaff((await createE2eMunicipality()).id, "clerk");
});


test("first sign-in enrols TOTP, then signing in again asks for a code; a wrong code is refused in Japanese", async ({ page }, testInfo) => {
  // Password only: the portal stays closed until enrolment.
  await signInPassword(page, FIRST);
  await expect(page).toHaveURL(/\/account\/mfa/);
  await expect(page.getByRole("heading", { level: 1, name: "2段階認証の設定" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/account\/mfa/);
  await expectAccessible(page, "staff-and-mfa");

  const codes = await completeEnrolment(page, testInfo, FIRST.loginId);
  expect(codes.every((c) => /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(c))).toBe(true);
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signInPassword(page, FIRST);
  await expect(page).toHaveURL(/\/login\/mfa/);
  await expect(page.getByRole("heading", { level: 1, name: "2段階認証" })).toBeVisible();
  await expectAccessible(page, "staff-and-mfa");
  // Before the second step nothing in the portal opens.
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/login\/mfa/);

  await page.getByRole("textbox", { name: /^確認コード/ }).fill("000000");
  await page.getByRole("button", { name: "確認", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "確認コードが正しくありません" })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/mfa/);

  await page.getByRole("textbox", { name: /^確認コード/ }).fill("12");
  await page.getByRole("button", { name: "確認", exact: true }).click();
  await expect(page.getByText("確認コード（6桁の数字）を入力してください。")).toBeVisible();

  await completeTotpStep(page, testInfo, FIRST.loginId);
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();

  // A recovery code works once, instead of the app.
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPassword(page, FIRST);
  await page.getByRole("button", { name: /リカバリーコード/ }).click();
  await page.getByLabel("リカバリーコード").fill(codes[0]);
  await page.getByRole("button", { name: "リカバリーコードで確認" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPassword(page, FIRST);
  await page.getByRole("button", { name: /リカバリーコード/ }).click();
  await page.getByLabel("リカバリーコード").fill(codes[0]);
  await page.getByRole("button", { name: "リカバリーコードで確認" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "確認コードが正しくありません" })).toBeVisible();
});

test("an administrator lists and adds staff of their municipality; account settings pass axe", async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN);
  await page.goto("/staff");
  await expect(page.getByRole("heading", { level: 1, name: "職員アカウント" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: CLERK.loginId })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: OTHER_CLERK.loginId })).toHaveCount(0);
  await expectAccessible(page, "staff-and-mfa");

  await page.getByRole("link", { name: "職員を追加" }).click();
  await expect(page).toHaveURL(/\/staff\/new/);
  await expectAccessible(page, "staff-and-mfa");
  const newClerk = `e2e-new-clerk-${crypto.randomBytes(3).toString("hex")}`;
  await page.getByLabel("ログインID").fill(newClerk);
  await page.getByLabel("氏名").fill("小布施 新人");
  await page.getByLabel("初期パスワード").fill("short");
  await page.getByRole("button", { name: "追加する" }).click();
  await expect(page.getByText("パスワードは12文字以上で入力してください。")).toBeVisible();
  await page.getByLabel("初期パスワード").fill("initial-password-2026");
  await page.getByRole("button", { name: "追加する" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("rowheader", { name: newClerk })).toBeVisible();

  // The list links to the detail screen, where the account is disabled after an explicit confirmation.
  await page.getByRole("link", { name: newClerk }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(newClerk) })).toBeVisible();
  await page.getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByText("無効にする場合は、確認のチェックを入れてください。")).toBeVisible();
  await page.getByLabel(`${newClerk}を無効にすることを確認しました`).check();
  await page.getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByRole("button", { name: "有効にする" })).toBeVisible();
  await page.goto("/staff");
  await expect(page.getByRole("row", { name: new RegExp(newClerk) })).toContainText("無効");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "アカウント設定" })).toBeVisible();
  await expectAccessible(page, "staff-and-mfa");
  await page.getByRole("link", { name: "パスワードを変更する" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expectAccessible(page, "staff-and-mfa");
  await page.getByLabel("現在のパスワード").fill("wrong-password-x");
  await page.locator("input[name=newPassword]").fill("another-password-2026");
  await page.getByLabel("新しいパスワード（確認）").fill("another-password-2026");
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "現在のパスワードが正しくありません" })).toBeVisible();
  await expect(page.getByLabel("現在のパスワード")).toHaveAttribute("aria-invalid", "true");
});
