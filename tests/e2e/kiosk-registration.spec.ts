import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers/a11y";
import { OPEN_HOURS, screenHeading, setClock } from "./helpers/kiosk";

// The 本籍地 利用登録 at the kiosk simulator: card → PIN → 本籍地 and the 本籍・筆頭者 (or a web
// pre-registration's receipt number) → consent → receipt number, and the refusals of the intake. The e2e
// server runs on a fresh database with the demo seed (docs/demo-data.md) and ALLOW_CLOCK_OVERRIDE=true.
//
// The simulator offers the demo wallet's cards only (lib/simulator/demo-wallet.ts), so this spec uses demo
// people: JPKI-131121-000007 (小林 直樹, lives in 世田谷区, 本籍 小布施町, whose registration was bound to his
// replaced certificate) applies; 木村 亮's pre-registration RDEM-2026-0005 is used only where it is refused
// (another person's receipt number), which leaves it open.

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** 行政サービス → 本籍地の利用登録の申請 → the card → PIN 1234 → the application form. */
async function startRegistration(page: Page, cardLabel: RegExp, { checkA11y = false } = {}) {
  await page.getByRole("button", { name: /^行政サービス/ }).click();
  await expect(screenHeading(page, "行政サービス")).toBeVisible();
  if (checkA11y) await expectAccessible(page, "purpose");
  await page.getByRole("button", { name: /^本籍地の利用登録の申請/ }).click();
  await expect(screenHeading(page, "カードを置いてください")).toBeVisible();
  await page.getByRole("button", { name: cardLabel }).click();
  await expect(screenHeading(page, "暗証番号を入力してください")).toBeVisible();
  const keypad = page.getByRole("group", { name: "テンキー" });
  for (const digit of "1234") await keypad.getByRole("button", { name: digit, exact: true }).click();
  await keypad.getByRole("button", { name: "確認" }).click();
  await expect(screenHeading(page, "本籍地の利用登録の申請")).toBeVisible();
}

/** Consent and send; lands on the receipt or on the refusal screen. */
async function consentAndApply(page: Page, { checkA11y = false } = {}) {
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(screenHeading(page, "申請内容と同意事項の確認")).toBeVisible();
  if (checkA11y) await expectAccessible(page, "consent");
  await page.getByRole("checkbox", { name: "同意事項に同意します" }).check();
  await page.getByRole("button", { name: "申請する" }).click();
}

/** The kiosk screen's own alert (not Next's route announcer). */
const refusal = (page: Page) => page.locator('section[aria-labelledby="kiosk-screen-title"]').getByRole("alert");

test.beforeEach(async ({ page }) => {
  await page.goto("/kiosk");
  await expect(page.getByText("これはシミュレーターです。表示される証明書は架空のデモデータです。")).toBeVisible();
  await setClock(page, OPEN_HOURS);
});

test("a 利用登録 is applied for at the kiosk; a second one with the same card is refused as already applied", async ({ page }) => {
  await startRegistration(page, /小林 直樹/, { checkA11y: true });
  await expectAccessible(page, "registration form");

  // Nothing chosen: the form says what is missing, as an alert.
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(refusal(page)).toContainText("本籍地の市区町村を選んでください。");
  await expectAccessible(page, "registration form with errors");

  // The 本籍地 by its code, and the 本籍 and 筆頭者 (no web pre-registration).
  await page.getByRole("radio", { name: "団体コードを入力" }).check();
  await page.getByLabel(/本籍地の市区町村の団体コード/).fill("205419");
  await page.getByLabel(/^本籍（町名・番地）/).fill("大字小布施1番地");
  await page.getByLabel(/^筆頭者の氏名/).fill("小林 直樹");
  await consentAndApply(page, { checkA11y: true });

  await expect(screenHeading(page, "利用登録の申請を受け付けました")).toBeVisible();
  const receipt = (await page.getByTestId("registration-receipt-no").innerText()).trim();
  expect(receipt).toMatch(RECEIPT);
  await expect(page.getByText("本籍地の市区町村が審査します")).toBeVisible();
  await expect(page.getByText(/結果が出るまで数日/)).toBeVisible();
  await expect(page.locator("dd", { hasText: "小布施町" })).toBeVisible();
  await expectAccessible(page, "receipt");
  await page.getByRole("button", { name: "終了" }).click();
  await expect(screenHeading(page, "サービスを選んでください")).toBeVisible();

  // Same card, same 本籍地 (chosen from the list this time): already applied, with the receipt number.
  await startRegistration(page, /小林 直樹/);
  await page.getByRole("radio", { name: "小布施町（205419）" }).check();
  await page.getByLabel(/^本籍（町名・番地）/).fill("大字小布施1番地");
  await page.getByLabel(/^筆頭者の氏名/).fill("小林 直樹");
  await consentAndApply(page);
  await expect(screenHeading(page, "利用登録の申請を受け付けできませんでした")).toBeVisible();
  await expect(refusal(page)).toContainText("すでに申請済み、または登録済みです");
  await expect(refusal(page)).toContainText(receipt);
  await expect(refusal(page)).toContainText("審査中");
  await expect(page.getByText("理由コード: koseki_registration_exists")).toBeVisible();
  await expectAccessible(page, "already applied");
  await page.getByRole("button", { name: "最初に戻る" }).click();
  await expect(screenHeading(page, "サービスを選んでください")).toBeVisible();
});

test("the card's own residence municipality needs no 利用登録, and another person's receipt number is not found", async ({ page }) => {
  await startRegistration(page, /木村 亮/);
  await page.getByRole("radio", { name: "世田谷区（131121）" }).check();
  await page.getByLabel(/^本籍（町名・番地）/).fill("太子堂一丁目1番");
  await page.getByLabel(/^筆頭者の氏名/).fill("木村 亮");
  await consentAndApply(page);
  await expect(screenHeading(page, "利用登録の申請を受け付けできませんでした")).toBeVisible();
  await expect(refusal(page)).toContainText("お住まいの市区町村が本籍地のため、利用登録は必要ありません。");
  await expect(page.getByText("理由コード: registration_not_needed")).toBeVisible();
  await expectAccessible(page, "not needed");

  // Back to the form: 木村 亮's web pre-registration number, but with 小林 直樹's card → not found (and the
  // pre-registration stays open for its owner).
  await page.getByRole("button", { name: "最初に戻る" }).click();
  await startRegistration(page, /小林 直樹/);
  await page.getByRole("radio", { name: "松本市（202029）" }).check();
  await page.getByLabel(/受付番号/).fill("rdem-2026-0005");
  await expect(page.getByLabel(/^筆頭者の氏名/)).toHaveCount(0);
  await consentAndApply(page);
  await expect(refusal(page)).toContainText("入力された受付番号の事前申請が見つかりません。");
  await expect(page.getByText("理由コード: pre_registration_not_found")).toBeVisible();

  // The consent is required before anything is sent.
  await page.getByRole("button", { name: "入力に戻る" }).click();
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(refusal(page)).toContainText("同意事項への同意が必要です");
});
