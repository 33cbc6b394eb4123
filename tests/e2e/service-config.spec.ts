import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { signIn, type Account } from "./helpers/sign-in";

// A municipality of this spec's own with its administrator and a clerk (helpers/fixtures.ts): the fees, hours
// and stops changed here are nobody else's. The admin signs in once (a TOTP code cannot be reused within its
// window), and the admin tests share that page, in order.
let MUNICIPALITY: { id: string; name: string };
let ADMIN: Account;
let CLERK: Account;

test.beforeAll(async () => {
  const m = await createE2eMunicipality({ koseki: true });
  MUNICIPALITY = m;
  ADMIN = await createE2eStaff(m.id, "municipal_admin");
  CLERK = await createE2eStaff(m.id, "clerk");
});



test.describe.serial("municipal admin", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await (await browser.newContext()).newPage();
    await signIn(page, testInfo, ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("every service page renders for the admin without serious accessibility violations", async () => {
    for (const [path, heading] of [
      ["/service/offerings", "提供する証明書"],
      ["/service/fees", "手数料"],
      ["/service/hours", "提供時間"],
      ["/service/stops", "計画停止"],
      ["/service/emergency", "緊急停止"],
      ["/service/calendar", "月間カレンダー"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(MUNICIPALITY.name);
      await expectAccessible(page, "service-config");
    }
  });

  test("the admin schedules a fee for tomorrow and sees it listed as 予定", async () => {
    await page.goto("/service/fees");
    await page.getByLabel("証明書の種類").selectOption({ label: "印鑑登録証明書" });
    await page.getByLabel("金額（円、1通あたり）").fill("270");
    await page.getByLabel("備考").fill("e2e改定");
    await page.getByRole("button", { name: "手数料を予約" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "e2e改定" });
    await expect(row).toContainText("270円");
    await expect(row).toContainText("予定");
  });

  test("weekday 戸籍 hours with an inverted range show a Japanese error tied to the field", async () => {
    await page.goto("/service/hours");
    await page.getByLabel("証明書の種類").selectOption({ label: "戸籍全部事項証明書" });
    await page.getByLabel("曜日区分", { exact: true }).selectOption({ label: "平日" });
    await page.getByLabel("開始時刻").fill("17:00");
    await page.getByLabel("終了時刻").fill("09:00");
    await page.getByRole("button", { name: "提供時間を保存" }).click();
    await expect(page.getByText("終了時刻は開始時刻より後の時刻を入力してください。")).toBeVisible();
    await expect(page.getByLabel("終了時刻")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("終了時刻")).toHaveAccessibleDescription(/終了時刻は開始時刻より後/);

    await page.getByLabel("終了時刻").fill("17:30");
    await page.getByLabel("開始時刻").fill("09:00");
    await page.getByRole("button", { name: "提供時間を保存" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "戸籍全部事項証明書" }).filter({ hasText: "09:00〜17:30" })).toBeVisible();
  });

  test("the admin starts and ends an emergency stop", async () => {
    await page.goto("/service/emergency");
    await page.getByLabel("停止する証明書").selectOption({ label: "印鑑登録証明書" });
    await page.getByLabel("停止の理由（200文字以内）").fill("印鑑データの確認のため");
    await page.getByRole("button", { name: "緊急停止を開始" }).click();
    await expect(page.getByText("停止中：印鑑登録証明書")).toBeVisible();
    await expectAccessible(page, "service-config");
    await page.getByRole("button", { name: "緊急停止を終了" }).click();
    await expect(page.getByText("実施中の緊急停止はありません。")).toBeVisible();
    await expect(page.getByText(/印鑑登録証明書：.*（印鑑データの確認のため）/)).toBeVisible();
  });

});

test("a clerk sees the configuration read-only", async ({ page }, testInfo) => {
  await signIn(page, testInfo, CLERK);
  await page.goto("/service/offerings");
  await expect(page.getByText("閲覧のみ")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);
  await page.goto("/service/emergency");
  await expect(page.getByRole("button", { name: "緊急停止を開始" })).toHaveCount(0);
});
