import { account, signIn } from "./helpers/sign-in";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers/a11y";
import { OPEN_HOURS, orderSealCertificate, placeCard, screenHeading, setClock, typePin } from "./helpers/kiosk";

// The kiosk + centre simulator, driven like a resident at a kiosk. The e2e server runs on a fresh database
// with the demo seed (docs/demo-data.md) and ALLOW_CLOCK_OVERRIDE=true, so the judging time is set in the
// staff panel and the results do not depend on when the test runs.

const AFTER_HOURS = "2026-11-27T23:30"; // service ends at 23:00

async function printedToday(page: Page): Promise<number> {
  await page.goto("/dashboard");
  const value = page.locator("dt", { hasText: "本日の発行（印刷完了）" }).locator("xpath=following-sibling::dd[1]");
  await expect(value).toBeVisible();
  return Number((await value.innerText()).replace(/[^\d]/g, ""));
}

test.beforeEach(async ({ page }) => {
  await page.goto("/kiosk");
  await expect(page.getByText("これはシミュレーターです。表示される証明書は架空のデモデータです。")).toBeVisible();
});

test("a 住民票の写し with chosen members and 世帯主・続柄 is paid for and printed", async ({ page }) => {
  await expect(screenHeading(page, "サービスを選んでください")).toBeVisible();
  await expectAccessible(page, "top");
  await setClock(page, OPEN_HOURS);
  await expectAccessible(page, "top with the staff panel open");

  await placeCard(page, /長谷川 拓也/, { checkA11y: true });
  await expectAccessible(page, "pin");
  await typePin(page, "1234");

  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  await expectAccessible(page, "certificates");
  await page.getByRole("button", { name: /住民票の写し/ }).click();

  await expect(screenHeading(page, "住民票の写しの記載内容を選んでください")).toBeVisible();
  await page.getByRole("radio", { name: "一部の人" }).check();
  const members = page.getByRole("group", { name: "記載する方を選んでください" }).getByRole("checkbox");
  await expect(members).toHaveCount(5);
  await members.nth(0).check();
  await members.nth(1).check();
  await page.getByRole("group", { name: "世帯主・続柄" }).getByRole("radio", { name: "あり" }).check();
  await expectAccessible(page, "options");
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(screenHeading(page, "部数を選んでください")).toBeVisible();
  await page.getByRole("button", { name: "1通増やす" }).click();
  await expect(page.getByText("部数 2通", { exact: true })).toBeVisible();
  await expectAccessible(page, "copies");
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(screenHeading(page, "内容を確認してください")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("一部の人：");
  await expect(page.getByText("¥200 × 2通 = ¥400")).toBeVisible();
  await expectAccessible(page, "confirm");
  await page.getByRole("button", { name: "発行する" }).click();

  await expect(screenHeading(page, "お支払い")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("お支払い ¥400")).toBeVisible();
  await expectAccessible(page, "payment");
  await page.getByRole("button", { name: "支払って印刷する" }).click();

  await expect(screenHeading(page, "証明書を印刷しました")).toBeVisible();
  await expect(page.locator('iframe[title="印刷された証明書"]')).toBeVisible();
  await expect(page.getByTestId("issuance-no")).toHaveText(/^131121-2026-\d{8}$/);
  await expect(page.getByText(/\d+ページ × 2通/)).toBeVisible();
  await expectAccessible(page, "printed");
  await page.getByRole("button", { name: "終了" }).click();
  await expect(screenHeading(page, "サービスを選んでください")).toBeVisible();
});

test("three wrong PINs lock the card; the right PIN is refused until the lock is released", async ({ page }) => {
  await setClock(page, OPEN_HOURS);
  await placeCard(page, /NGUYEN VAN AN/);
  await typePin(page, "1111");
  await expect(page.getByText("暗証番号が違います。あと2回間違えるとロックされます。")).toBeVisible();
  await expectAccessible(page, "pin wrong");
  await typePin(page, "2222");
  await expect(page.getByText("暗証番号が違います。あと1回間違えるとロックされます。")).toBeVisible();
  await typePin(page, "3333");
  const locked = page.getByText("暗証番号がロックされました。お住まいの市区町村の窓口でロック解除の手続きをしてください。");
  await expect(locked).toBeVisible();
  await expectAccessible(page, "pin locked");

  // The 4th attempt, with the right PIN, on a fresh transaction: still locked.
  await page.getByRole("button", { name: "最初に戻る" }).click();
  await placeCard(page, /NGUYEN VAN AN/);
  await typePin(page, "1234");
  await expect(locked).toBeVisible();
  await expect(screenHeading(page, "暗証番号を入力してください")).toBeVisible();

  // The staff demo button releases the lock (as the counter would); then the card works again.
  await page.getByRole("button", { name: "（デモ）ロック解除" }).click();
  await expect(page.getByText("ロックを解除しました", { exact: false })).toBeVisible();
  await typePin(page, "1234");
  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
});

test("outside service hours the 住民票 is refused with the resident message and the reason code", async ({ page }) => {
  await setClock(page, AFTER_HOURS);
  await placeCard(page, /長谷川 拓也/);
  await typePin(page, "1234");
  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  const residence = page.getByRole("button", { name: /住民票の写し/ });
  await expect(residence).toBeDisabled();
  await expect(residence).toContainText("サービス提供時間外です。");
  await expect(residence).toContainText("理由コード: service_out_of_hours");
  await expectAccessible(page, "certificates refused");
});

test("a 印鑑登録証明書 cancelled at the payment step costs nothing and is not counted", async ({ page }) => {
  // The clerk's dashboard counts printed issuances today; a cancel must leave it unchanged.
  await signIn(page, test.info(), account("setagaya-clerk"));
  const before = await printedToday(page);

  await orderSealCertificate(page);
  await page.getByRole("button", { name: "取り消す" }).click();

  await expect(page.getByText("取り消しました。手数料はかかりません。")).toBeVisible();
  await expectAccessible(page, "cancelled");

  expect(await printedToday(page)).toBe(before);
});

test("a refusal at issuance shows the resident message and the reason code", async ({ page }) => {
  // Eligible at 22:50; the clock passes 23:00 before the resident confirms, so the issuance itself refuses.
  await setClock(page, "2026-11-27T22:50");
  await placeCard(page, /長谷川 拓也/);
  await typePin(page, "1234");
  await page.getByRole("button", { name: /印鑑登録証明書/ }).click();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(screenHeading(page, "内容を確認してください")).toBeVisible();
  await setClock(page, AFTER_HOURS);
  await page.getByRole("button", { name: "発行する" }).click();

  await expect(screenHeading(page, "この証明書は発行できません")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("サービス提供時間外です。")).toBeVisible();
  await expect(page.getByText("理由コード: service_out_of_hours")).toBeVisible();
  await expectAccessible(page, "refused at issuance");
});

test("本籍地の証明書: the chosen municipality answers with its certificate list (or that there is none)", async ({ page }) => {
  await setClock(page, OPEN_HOURS);
  await page.getByRole("button", { name: /^行政サービス/ }).click();
  await page.getByRole("button", { name: /本籍地の証明書/ }).click();
  await expect(screenHeading(page, "本籍地の市区町村を選んでください")).toBeVisible();
  await expectAccessible(page, "honseki municipality");
  await page.getByRole("button", { name: /松本市/ }).click();
  await page.getByRole("button", { name: /井上 太郎/ }).click();
  await typePin(page, "1234");
  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  await expect(page.getByText("現在、取得できる証明書はありません").or(page.getByRole("button", { name: /戸籍/ }).first())).toBeVisible();
  await expectAccessible(page, "honseki certificates");
});

test("本籍地の証明書: the 戸籍の附票 is refused when a member of the 戸籍 is under 支援措置; the 戸籍 itself is offered", async ({ page }) => {
  // 桐山 修平's wife, in the same 世田谷区 戸籍, is under a 支援措置 (docs/demo-data.md): the 附票 would show her address.
  await setClock(page, OPEN_HOURS);
  await page.getByRole("button", { name: /^行政サービス/ }).click();
  await page.getByRole("button", { name: /本籍地の証明書/ }).click();
  await expect(screenHeading(page, "本籍地の市区町村を選んでください")).toBeVisible();
  await page.getByRole("button", { name: /世田谷区/ }).click();
  await expect(screenHeading(page, "カードを置いてください")).toBeVisible();
  await page.getByRole("button", { name: /JPKI-131121-900015/ }).click();
  await typePin(page, "1234");

  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  const fuhyo = page.getByRole("button", { name: /戸籍の附票の写し/ });
  await expect(fuhyo).toBeDisabled();
  await expect(fuhyo).toContainText("このサービスではお取り扱いできません。窓口にお問い合わせください。");
  await expect(fuhyo).toContainText("理由コード: household_support_measure");
  await expect(page.getByRole("button", { name: /戸籍全部事項証明書/ })).toBeEnabled();
  await expectAccessible(page, "honseki fuhyo refused");
});
