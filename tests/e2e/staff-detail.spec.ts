import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { completeEnrolment, completeTotpStep, freshTotpCode, knownSecret, signIn, signInPassword, type Account } from "./helpers/sign-in";

// An administrator of a municipality of this spec's own (helpers/fixtures.ts): the clerks added, reset and
// disabled here, and the recovery codes regenerated, are nobody else's.
let ADMIN: Account;

test.beforeAll(async () => {
  ADMIN = await createE2eStaff((await createE2eMunicipality()).id, "municipal_admin");
});


/** Adds a clerk through /staff/new and opens their detail screen from the list. */
async function addClerkAndOpen(page: Page, loginId: string) {
  await page.goto("/staff/new");
  await page.getByLabel("ログインID").fill(loginId);
  await page.getByLabel("氏名").fill("世田谷 仮太郎");
  await page.getByLabel("初期パスワード").fill("initial-password-2026");
  await page.getByRole("button", { name: "追加する" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByRole("link", { name: loginId }).click();
  await expect(page).toHaveURL(/\/staff\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(loginId) })).toBeVisible();
}

test("reset password: the temporary password is shown once, signs in, and the portal stays closed until it is changed", async ({ page }, testInfo) => {
  const loginId = `e2e-reset-${crypto.randomUUID().slice(0, 8)}`;
  await signIn(page, testInfo, ADMIN);
  await addClerkAndOpen(page, loginId);
  await expectAccessible(page, "staff-detail");

  // Role change within the municipal roles (no 運用事業者 on offer for an administrator).
  const role = page.getByRole("combobox", { name: "役割" });
  await expect(role.locator("option")).toHaveText(["自治体管理者", "自治体職員", "監査担当"]);
  await role.selectOption("auditor");
  await page.getByRole("button", { name: "役割を変更する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "役割を変更しました" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "監査担当" })).toBeVisible();

  // Destructive actions need the confirmation, whose message sits at the checkbox.
  await page.getByRole("button", { name: "パスワードをリセットする" }).click();
  const confirm = page.getByLabel(`${loginId}のパスワードをリセットすることを確認しました`);
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("パスワードをリセットする場合は、確認のチェックを入れてください。")).toBeVisible();
  await expect(page.getByTestId("temporary-password")).toHaveCount(0);
  // Keyboard only: Space checks the box, then the button is activated with Enter.
  await confirm.focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "パスワードをリセットする" }).focus();
  await page.keyboard.press("Enter");
  const shown = page.getByTestId("temporary-password");
  await expect(shown).toBeVisible();
  const temporaryPassword = (await shown.textContent())!.trim();
  expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expectAccessible(page, "staff-detail");
  // Shown once: not after a reload.
  await page.reload();
  await expect(page.getByTestId("temporary-password")).toHaveCount(0);
  expect(await page.content()).not.toContain(temporaryPassword);
  await expect(page.getByRole("main")).toContainText("次回ログイン後に変更が必要");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The user signs in with the temporary password, enrols MFA, and is held on the password change.
  await signInPassword(page, { loginId, password: temporaryPassword });
  await completeEnrolment(page, testInfo, loginId, /\/account\/password$/);
  await expect(page.getByRole("heading", { level: 1, name: "パスワードの変更" })).toBeVisible();
  await expect(page.getByText("パスワードの変更が必要です")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "メインメニュー" })).toHaveCount(0);
  await expectAccessible(page, "staff-detail");
  for (const path of ["/dashboard", "/issuances", "/account"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/account\/password$/);
  }

  const newPassword = "my-own-password-2026";
  await page.getByLabel("現在のパスワード").fill(temporaryPassword);
  await page.locator("input[name=newPassword]").fill(newPassword);
  await page.getByLabel("新しいパスワード（確認）").fill(newPassword);
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password_changed/);

  await signInPassword(page, { loginId, password: newPassword });
  await completeTotpStep(page, testInfo, loginId);
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
});

test("disabling a signed-in user ends their session at the next request; MFA reset sends them to enrol again", async ({ page, browser }, testInfo) => {
  const loginId = `e2e-off-${crypto.randomUUID().slice(0, 8)}`;
  await signIn(page, testInfo, ADMIN);
  await addClerkAndOpen(page, loginId);
  const detailUrl = page.url();

  // The user signs in elsewhere (initial password: enrol MFA, then held on the password change).
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "ja-JP" });
  const userPage = await other.newPage();
  await signInPassword(userPage, { loginId, password: "initial-password-2026" });
  await completeEnrolment(userPage, testInfo, loginId, /\/account\/password$/);

  // MFA reset: the user's session ends; at the next sign-in the enrolment starts over.
  await page.reload();
  await expect(page.getByRole("main")).toContainText("設定済み");
  await page.getByRole("button", { name: "2段階認証をリセットする" }).click();
  await expect(page.getByText("2段階認証をリセットする場合は、確認のチェックを入れてください。")).toBeVisible();
  await page.getByLabel(`${loginId}の2段階認証をリセットすることを確認しました`).check();
  await page.getByRole("button", { name: "2段階認証をリセットする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2段階認証をリセットしました" })).toBeVisible();
  await userPage.reload();
  await expect(userPage).toHaveURL(/\/login/);
  await signInPassword(userPage, { loginId, password: "initial-password-2026" });
  await expect(userPage).toHaveURL(/\/account\/mfa/);
  await completeEnrolment(userPage, testInfo, loginId, /\/account\/password$/);

  // Disable: the next request of the user's session goes to sign-in, and signing in is refused.
  await page.goto(detailUrl);
  await page.getByLabel(`${loginId}を無効にすることを確認しました`).check();
  await page.getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByRole("button", { name: "有効にする" })).toBeVisible();
  await userPage.reload();
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel("ログインID").fill(loginId);
  await userPage.getByLabel("パスワード").fill("initial-password-2026");
  await userPage.getByRole("button", { name: "ログイン" }).click();
  await expect(userPage.getByRole("alert").filter({ hasText: "このアカウントは利用できません" })).toBeVisible();
  await other.close();

  // Nobody changes their own account here.
  await page.goto("/staff");
  await page.getByRole("link", { name: ADMIN.loginId, exact: true }).click();
  await expect(page.getByRole("main")).toContainText("自分自身の役割・状態");
  await expect(page.getByRole("button", { name: "無効にする" })).toHaveCount(0);
  await expectAccessible(page, "staff-detail");
});

test("a user regenerates their own recovery codes with a current code; the old ones stop working", async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN);
  await page.goto("/account");
  await page.getByRole("textbox", { name: /^確認コード/ }).fill("12");
  await page.getByRole("button", { name: "リカバリーコードを再発行する" }).click();
  await expect(page.getByText("確認コード（6桁の数字）を入力してください。")).toBeVisible();
  const secret = knownSecret(testInfo, ADMIN.loginId)!;
  // Just after signing in with a code: a fresh step, as the server takes each step once.
  await page.getByRole("textbox", { name: /^確認コード/ }).fill(await freshTotpCode(testInfo, ADMIN.loginId, secret));
  await page.getByRole("button", { name: "リカバリーコードを再発行する" }).click();
  const items = page.getByRole("list", { name: "新しいリカバリーコード" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const codes = await items.allTextContents();
  await expectAccessible(page, "staff-detail");

  // A new code passes the MFA step.
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPassword(page, ADMIN);
  await page.getByRole("button", { name: /リカバリーコード/ }).click();
  await page.getByLabel("リカバリーコード").fill(codes[0]);
  await page.getByRole("button", { name: "リカバリーコードで確認" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
});
