import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { chooseDate, dateGroup, datePart } from "./helpers/date-fields";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { signIn, type Account } from "./helpers/sign-in";

// The settings screen (/service/settings) on a municipality of this spec's own: the administrator schedules a
// change of the issuance settings with an effective day, cancels it, and adds and removes a closure day; a
// clerk reads the screen without forms. Days are chosen in the year after the server's current one (the
// second year the date field offers), so the spec does not depend on today's date.
let MUNICIPALITY: { id: string; name: string };
let ADMIN: Account;
let CLERK: Account;

test.beforeAll(async () => {
  MUNICIPALITY = await createE2eMunicipality();
  ADMIN = await createE2eStaff(MUNICIPALITY.id, "municipal_admin");
  CLERK = await createE2eStaff(MUNICIPALITY.id, "clerk");
});



/** The year after the current one, as the date field offers it. */
async function nextYear(page: Page, label: string): Promise<string> {
  const values = await datePart(dateGroup(page, label), "年").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  return values[1];
}

test.describe.serial("municipal admin", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await (await browser.newContext()).newPage();
    await signIn(page, testInfo, ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("schedules a change of the issuance settings from a future day, sees it scheduled, and cancels it", async () => {
    await page.goto("/service/settings");
    await expect(page.getByRole("heading", { level: 1, name: "自治体の設定" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(MUNICIPALITY.name);
    await expect(page.getByRole("row").filter({ hasText: "氏名欄" })).toContainText("1行40文字 × 1行");
    await expectAccessible(page, "municipal-settings");

    // A value out of range is refused at the field, in Japanese.
    await page.getByLabel("氏名欄の行数").fill("9");
    await page.getByRole("button", { name: "変更を予約" }).click();
    await expect(page.getByLabel("氏名欄の行数")).toHaveAccessibleDescription(/氏名欄の行数は1〜5行の範囲/);

    const year = await nextYear(page, "適用開始日");
    await page.getByLabel("氏名欄の1行の文字数").fill("20");
    await page.getByLabel("氏名欄の行数").fill("2");
    await page.getByLabel("成年被後見人の方をコンビニ交付の対象外とする").check();
    await chooseDate(page, "適用開始日", `${year}-04-01`);
    await page.getByRole("button", { name: "変更を予約" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();

    const scheduled = page.getByRole("listitem").filter({ hasText: `${year}/04/01` });
    await expect(scheduled).toContainText("氏名欄：1行20文字 × 2行");
    await expect(scheduled).toContainText("成年被後見人の方を対象外とする：する");
    // Not in force yet: the values in force are unchanged.
    await expect(page.getByRole("row").filter({ hasText: "氏名欄" })).toContainText("1行40文字 × 1行");
    await expectAccessible(page, "municipal-settings");

    await scheduled.getByRole("button", { name: "この予約を取り消す" }).click();
    await expect(page.getByText("予約済みの変更はありません。")).toBeVisible();
  });

  test("adds a closure day and removes it", async () => {
    await page.goto("/service/settings");
    const year = await nextYear(page, "休止日");
    await chooseDate(page, "休止日", `${year}-05-07`);
    await page.getByLabel("休止の理由").fill("e2eシステム更新のため");
    await page.getByRole("button", { name: "休止日を追加" }).click();
    const row = page.getByRole("row").filter({ hasText: "e2eシステム更新のため" });
    await expect(row).toContainText(`${year}/05/07`);
    await expectAccessible(page, "municipal-settings");

    // The same day again is refused at the field.
    await chooseDate(page, "休止日", `${year}-05-07`);
    await page.getByLabel("休止の理由").fill("重複");
    await page.getByRole("button", { name: "休止日を追加" }).click();
    await expect(page.getByText("この日はすでに休止日として登録されています。").first()).toBeVisible();

    await row.getByRole("button", { name: `${year}-05-07の休止日を削除` }).click();
    await expect(page.getByText("休止日は登録されていません。")).toBeVisible();
  });
});

test("a clerk sees the settings read-only", async ({ page }, testInfo) => {
  await signIn(page, testInfo, CLERK);
  await page.goto("/service/settings");
  await expect(page.getByRole("heading", { level: 1, name: "自治体の設定" })).toBeVisible();
  await expect(page.getByText("閲覧のみ")).toBeVisible();
  await expect(page.getByRole("button", { name: "変更を予約" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "休止日を追加" })).toHaveCount(0);
  await expectAccessible(page, "municipal-settings");
});
