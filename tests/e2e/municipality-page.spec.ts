import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { ownerDb } from "../setup/owner-db";
import { createE2eMunicipality, factories } from "./helpers/fixtures";

// The public page of a municipality (/m/<code>), without sign-in, on the demo seed (docs/demo-data.md): 松本市 with
// its planned stop and the 住民票 fee change of next 1 April, 小布施町 with 戸籍 hours on weekdays only, no
// 記載事項証明書 and a stop of the 利用登録 intake. A municipality that is not active is not found.


const row = (page: Page, table: string, name: string) => page.getByRole("region", { name: table }).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("松本市: certificates, fees with the coming change, hours, the planned stop's notice and 利用登録", async ({ page }) => {
  // Reached from the public 利用登録 page.
  await page.goto("/koseki-registration");
  await page.getByRole("navigation", { name: /市区町村ごとの案内/ }).getByRole("link", { name: "長野県松本市" }).click();
  await expect(page).toHaveURL(/\/m\/202029$/);
  await expect(page.getByRole("heading", { level: 1, name: "長野県松本市のコンビニ交付" })).toBeVisible();
  await expect(page).toHaveTitle("長野県松本市のコンビニ交付 | コンビニ交付");

  await expect(row(page, "手数料の一覧", "住民票の写し")).toContainText("150円");
  await expect(row(page, "手数料の一覧", "住民票の写し")).toContainText(/04\/01.*から 120円/);
  await expect(row(page, "手数料の一覧", "戸籍全部事項証明書")).toContainText("350円");
  await expect(row(page, "利用できる時間の一覧", "印鑑登録証明書")).toContainText("06:30〜23:00");

  const notices = page.getByRole("region", { name: "停止のお知らせ" });
  await expect(notices).toContainText("予定：全サービス");
  await expect(notices).toContainText("システム保守のため");
  await expect(page.getByTestId("registration-intake")).toContainText("利用登録の申請を受け付けています。");
  await expectAccessible(page, "松本市");
});

test("小布施町: no 記載事項証明書, 戸籍 on weekdays only, and the 利用登録 intake stop announced", async ({ page }) => {
  const res = await page.goto("/m/205419");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "長野県小布施町のコンビニ交付" })).toBeVisible();
  await expect(page.getByRole("region", { name: "手数料の一覧" }).getByRole("rowheader", { name: "住民票記載事項証明書" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "手数料の一覧" }).getByRole("rowheader", { name: "住民票の写し" })).toHaveCount(1);
  const koseki = row(page, "利用できる時間の一覧", "戸籍全部事項証明書");
  await expect(koseki.getByRole("cell")).toHaveText(["09:00〜17:00", "利用できません", "利用できません", "利用できません"]);
  await expect(page.getByRole("region", { name: "停止のお知らせ" })).toContainText("予定：本籍地利用登録の受付");
  await expectAccessible(page, "小布施町");
});

test("a municipality that is not active, or an unknown code, is not found", async ({ page }) => {
  const m = await factories(() => createE2eMunicipality());
  expect((await page.goto(`/m/${m.code}`))?.status()).toBe(200);
  await factories(() => ownerDb().municipality.update({ where: { id: m.id }, data: { status: "preparing" } }));
  expect((await page.goto(`/m/${m.code}`))?.status()).toBe(404);
  await expect(page.getByText(m.name)).toHaveCount(0);
  expect((await page.goto("/m/999999"))?.status()).toBe(404);
});
