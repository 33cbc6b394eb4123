import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { chooseDate } from "./helpers/date-fields";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { account, signIn } from "./helpers/sign-in";

// Refusals and 住民照会 (issue 22, items 1 and 2). First with a municipality of this spec's own: the kiosk API
// refuses its cardholder's seal and tax certificates, the statistics page counts the refusals by reason, and a
// clerk finds the cardholder by half-width カナ and birth date and sees the refusals with their reason. Then with
// the demo data (docs/demo-data.md): 山田 千尋 (JPKI-131121-900001) is under a 支援措置 — the clerk sees that one
// is present and her demo refusals, never the details; the administrator sees the details. Axe on each screen.


// 10:00 JST on Thursday 2026-10-15: the refusals fall in 2026-10 whenever the run happens.
const CLOCK = "2026-10-15T01:00:00.000Z";

test("kiosk refusals are counted on the statistics page and listed on 住民照会 with their reason", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const municipality = await createE2eMunicipality({ kind: "市" });
  const clerk = await createE2eStaff(municipality.id, "clerk");
  const { head, card } = await factories(() => createCardholder(municipality.id));
  const kiosk = await createE2eKioskClient(baseURL!, municipality.id, CLOCK);
  const e = await kiosk.post<{ certificates: Array<{ type: string; available: boolean; reason?: string }> }>("/eligibility", baseRequest(card.serial, municipality.code));
  expect(e.status, e.raw.slice(0, 300)).toBe(200);
  expect(e.body.certificates.find((c) => c.type === "seal")).toMatchObject({ available: false, reason: "seal_not_registered" });

  await signIn(page, testInfo, clerk);
  await page.goto("/statistics?month=2026-10");
  const refusals = page.getByRole("region", { name: "お断りの理由別の表" });
  await expect(page.getByRole("heading", { level: 2, name: "キオスクでお断りした件数（4件）" })).toBeVisible();
  await expect(refusals.getByRole("row", { name: "印鑑登録なし 1件" })).toBeVisible();
  await expect(refusals.getByRole("row", { name: "課税情報なし 3件" })).toBeVisible();
  await expect(page.getByRole("region", { name: "お断りの日別の表" }).getByRole("row", { name: "15日 4件" })).toBeVisible();

  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "住民照会" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "住民照会" })).toBeVisible();
  await expectAccessible(page, "resident-inquiry");
  // Half-width カナ and the birth date together.
  await page.getByLabel("フリガナ").fill("ﾔﾏｶﾜ");
  await chooseDate(page, "生年月日", "1980-04-01");
  await page.getByRole("button", { name: "検索" }).click();
  const name = `${head.familyName} ${head.givenName}`;
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expectAccessible(page, "resident-inquiry");
  await page.getByRole("link", { name }).click();

  await expect(page.getByRole("heading", { level: 1, name: `住民照会：${name}` })).toBeVisible();
  const cards = page.getByRole("region", { name: "電子証明書の表" });
  await expect(cards.getByRole("row", { name: new RegExp(`${card.serial}.*有効`) })).toBeVisible();
  const refused = page.getByRole("region", { name: "最近のお断りの表" });
  await expect(refused.getByRole("row").filter({ hasText: "印鑑登録なし" })).toHaveCount(1);
  await expect(refused.getByRole("row").filter({ hasText: "課税情報なし" })).toHaveCount(3);
  await expect(page.getByText("注意事項はありません。")).toBeVisible();
  await expectAccessible(page, "resident-inquiry");
});

test("demo: a clerk sees that a 支援措置 is present, never its details; the administrator sees them", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, testInfo, account("setagaya-clerk"));
  await page.goto("/residents");
  await page.getByLabel("カードのシリアル番号").fill("jpki-131121-900001");
  await page.getByRole("button", { name: "検索" }).click();
  await page.getByRole("link", { name: "山田 千尋" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "住民照会：山田 千尋" })).toBeVisible();
  await expect(page.getByTestId("resident-flags").getByText("支援措置あり")).toBeVisible();
  await expect(page.getByText("支援措置の内容は、自治体管理者だけが表示できます。", { exact: false })).toBeVisible();
  await expect(page.getByText("措置の種類")).toHaveCount(0);
  // The demo refusals of her card (prisma/seed-data/refusals.ts), with the staff label of the reason. Other specs
  // may present her card at the kiosk too (each refusal is recorded), so at least the seeded two.
  const supportRefusals = page.getByRole("region", { name: "最近のお断りの表" }).getByRole("row").filter({ hasText: "支援措置" });
  await expect(supportRefusals.nth(1)).toBeVisible();
  await expectAccessible(page, "resident-inquiry");
  const detailUrl = page.url();

  await page.context().clearCookies();
  await signIn(page, testInfo, account("setagaya-admin"));
  await page.goto(detailUrl);
  await expect(page.getByRole("heading", { level: 1, name: "住民照会：山田 千尋" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "措置の種類" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^DV$/ })).toBeVisible();
  await expectAccessible(page, "resident-inquiry");
});
