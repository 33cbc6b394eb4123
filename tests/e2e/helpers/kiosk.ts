import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { chooseDate, dateGroup } from "./date-fields";

// What the kiosk simulator specs share: the staff panel's judging clock, the screen headings, and the axe
// check of a screen. The e2e server runs with ALLOW_CLOCK_OVERRIDE=true, so the judging time is set in the
// staff panel and the results do not depend on when the test runs.

export const CLOCK_LABEL = "判定時刻（サーバが ALLOW_CLOCK_OVERRIDE=true のときのみ有効）";
export const OPEN_HOURS = "2026-11-27T10:00"; // a Friday, 10:00 JST

export const screenHeading = (page: Page, name: string) => page.getByRole("heading", { level: 2, name });

/** Sets the staff panel's judging time (Japan time, "YYYY-MM-DDTHH:mm"), part by part. */
export async function setClock(page: Page, value: string) {
  if (!(await dateGroup(page, CLOCK_LABEL).isVisible())) await page.locator("summary", { hasText: "デモ設定" }).click();
  await chooseDate(page, CLOCK_LABEL, value);
  await expect(page.getByText(`送信値: ${new Date(`${value}:00+09:00`).toISOString()}`)).toBeVisible();
}

/** 行政サービス → お住まいの市区町村の証明書 → the card from the demo wallet. */
export async function placeCard(page: Page, cardLabel: RegExp, { checkA11y = false } = {}) {
  await page.getByRole("button", { name: /^行政サービス/ }).click();
  await expect(screenHeading(page, "行政サービス")).toBeVisible();
  if (checkA11y) await expectAccessible(page, "purpose");
  await page.getByRole("button", { name: /お住まいの市区町村の証明書/ }).click();
  await expect(screenHeading(page, "カードを置いてください")).toBeVisible();
  if (checkA11y) await expectAccessible(page, "card");
  await page.getByRole("button", { name: cardLabel }).click();
  await expect(screenHeading(page, "暗証番号を入力してください")).toBeVisible();
}

/** Enters the PIN on the kiosk keypad and confirms. */
export async function typePin(page: Page, pin: string) {
  const keypad = page.getByRole("group", { name: "テンキー" });
  for (const digit of pin) await keypad.getByRole("button", { name: digit, exact: true }).click();
  await keypad.getByRole("button", { name: "確認" }).click();
}

/** From the kiosk's top screen to the payment of one 印鑑登録証明書 for 長谷川 拓也 (demo wallet), inside service hours. */
export async function orderSealCertificate(page: Page) {
  await page.goto("/kiosk");
  await setClock(page, OPEN_HOURS);
  await placeCard(page, /長谷川 拓也/);
  await typePin(page, "1234");
  await page.getByRole("button", { name: /印鑑登録証明書/ }).click();
  await expect(screenHeading(page, "部数を選んでください")).toBeVisible();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(screenHeading(page, "内容を確認してください")).toBeVisible();
  await page.getByRole("button", { name: "発行する" }).click();
  await expect(screenHeading(page, "お支払い")).toBeVisible({ timeout: 30_000 });
}
