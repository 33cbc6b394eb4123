import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { patternPng } from "../factories/png";
import { chooseDate, dateGroup, datePart } from "./helpers/date-fields";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { signIn, type Account } from "./helpers/sign-in";

// The mayor and 公印 history page (docs/decisions/0015) on a municipality of this spec's own: its administrator
// records a new mayor for a later day and uploads a 公印 in force today; a clerk reads the history only.
let MUNICIPALITY: { id: string; name: string; mayorName: string };
let ADMIN: Account;
let CLERK: Account;

test.beforeAll(async () => {
  MUNICIPALITY = await createE2eMunicipality();
  ADMIN = await createE2eStaff(MUNICIPALITY.id, "municipal_admin");
  CLERK = await createE2eStaff(MUNICIPALITY.id, "clerk");
});



/** The server's today as the form's date field starts with it (the spec reads no clock of its own). */
async function todayOnForm(page: Page, label: string): Promise<string> {
  const group = dateGroup(page, label);
  const [y, m, d] = await Promise.all((["年", "月", "日"] as const).map((p) => datePart(group, p).inputValue()));
  return `${y}-${m}-${d}`;
}

const plusDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test.describe.serial("municipal admin", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await (await browser.newContext()).newPage();
    await signIn(page, testInfo, ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("the page is in the menu and renders without serious accessibility violations", async () => {
    await page.goto("/dashboard");
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "市区町村長と公印" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "市区町村長と公印" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(MUNICIPALITY.name);
    await expectAccessible(page, "mayor-and-seal");
  });

  test("records a new mayor from a later day: listed as 予定, the current one stays 適用中", async () => {
    await page.goto("/mayor-and-seal");
    const today = await todayOnForm(page, "就任日（適用開始日）");
    await page.getByLabel("市区町村長の氏名").fill("新任 花子");
    await chooseDate(page, "就任日（適用開始日）", plusDays(today, 30));
    await page.getByRole("button", { name: "市区町村長を登録" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    const mayors = page.getByRole("region", { name: "市区町村長の履歴の表" });
    await expect(mayors.getByRole("row").filter({ hasText: "新任 花子" })).toContainText("予定");
    await expect(mayors.getByRole("row").filter({ hasText: MUNICIPALITY.mayorName })).toContainText("適用中");
  });

  test("uploads a 公印 in force today: its thumbnail is shown 適用中, the earlier one ended", async () => {
    await page.goto("/mayor-and-seal");
    await page.getByLabel("公印の画像ファイル").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: Buffer.from(patternPng(64, 7)) });
    await page.getByRole("button", { name: "公印を登録" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    const seals = page.getByRole("region", { name: "公印の履歴の表" });
    await expect(seals.getByRole("row")).toHaveCount(3); // the header, today's entry, the first one
    const current = seals.getByRole("row").filter({ hasText: "適用中" });
    await expect(current).toContainText("64×64px");
    const thumbnail = current.getByRole("img");
    await expect(thumbnail).toBeVisible();
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    await expect(seals.getByRole("row").filter({ hasText: "終了" })).toHaveCount(1);
    await expectAccessible(page, "mayor-and-seal");
  });

  test("a second 公印 for the same day and a file that is not a PNG are refused at the field", async () => {
    await page.goto("/mayor-and-seal");
    await page.getByLabel("公印の画像ファイル").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: Buffer.from("GIF89a not a png at all, padded to look like a file") });
    await page.getByRole("button", { name: "公印を登録" }).click();
    await expect(page.getByText("PNG形式の画像ファイルを選択してください。").first()).toBeVisible();
    await page.getByLabel("公印の画像ファイル").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: Buffer.from(patternPng(64, 8)) });
    await page.getByRole("button", { name: "公印を登録" }).click();
    await expect(page.getByText("この適用開始日の登録がすでにあります。別の日付を指定してください。").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "公印の履歴の表" }).getByRole("row")).toHaveCount(3);
  });
});

test("a clerk reads the history and gets no forms", async ({ page }, testInfo) => {
  await signIn(page, testInfo, CLERK);
  await page.goto("/mayor-and-seal");
  await expect(page.getByRole("heading", { level: 1, name: "市区町村長と公印" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("閲覧のみ");
  await expect(page.getByRole("heading", { level: 2, name: "市区町村長の履歴" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "公印の履歴" })).toBeVisible();
  await expect(page.getByRole("button", { name: "市区町村長を登録" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "公印を登録" })).toHaveCount(0);
  await expectAccessible(page, "mayor-and-seal");
});
