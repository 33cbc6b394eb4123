import { expect, test, type Locator, type Page } from "@playwright/test";
import { chooseDate, dateGroup, datePart } from "./helpers/date-fields";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { expectAccessible } from "./helpers/a11y";
import { signIn, type Account } from "./helpers/sign-in";

// Dates read the Japanese way whatever the browser's language (issue 20): in an English browser in New York a
// native <input type="month"> shows "December 2026" and a date mm/dd/yyyy. The portal's month, date and
// date-time fields show 2026年（令和8年）・12月・7日（月） and submit the value the forms always took, in Japan
// time whatever the browser's zone. The administrator of a municipality of this spec's own signs in once.
test.use({ locale: "en-US", timezoneId: "America/New_York" });

let ADMIN: Account;

test.beforeAll(async () => {
  const municipality = await createE2eMunicipality();
  ADMIN = await createE2eStaff(municipality.id, "municipal_admin");
});

const ENGLISH = /January|February|March|April|May|June|July|August|September|October|November|December|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|mm\/dd\/yyyy|yyyy|\b[AP]M\b/;

/** Neither the field's visible text nor any of its choices is English. */
async function expectJapaneseOnly(group: Locator) {
  await expect(group).toBeVisible();
  expect(await group.innerText()).not.toMatch(ENGLISH);
  const options = await group.locator("option").allTextContents();
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) expect(option).not.toMatch(ENGLISH);
}

/** The text of the choice a part shows. */
const shown = (select: Locator) => select.locator("option:checked");

test.describe.serial("Japanese dates in an en-US browser in New York", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    page = await (await browser.newContext({ locale: "en-US", timezoneId: "America/New_York" })).newPage();
    await signIn(page, testInfo, ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("the browser is English and in New York", async () => {
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone])).toEqual(["en-US", "America/New_York"]);
  });

  test("the statistics month reads 2026年（令和8年）12月 and submits ?month=YYYY-MM", async () => {
    await page.goto("/statistics?month=2026-12");
    await expect(page.getByRole("heading", { level: 1, name: "利用統計" })).toBeVisible();
    const month = dateGroup(page, "対象月");
    await expect(shown(datePart(month, "年"))).toHaveText("2026年（令和8年）");
    await expect(shown(datePart(month, "月"))).toHaveText("12月");
    await expect(month).toContainText("2026年12月（令和8年12月）");
    // The parts are tied to what they mean: the value read back is their description.
    await expect(datePart(month, "月")).toHaveAccessibleDescription("2026年12月（令和8年12月）");
    await expectJapaneseOnly(month);
    await expectAccessible(page, "statistics");

    await chooseDate(page, "対象月", "2026-10");
    await expect(month).toContainText("2026年10月（令和8年10月）");
    await page.getByRole("button", { name: "表示" }).click();
    await expect(page).toHaveURL(/[?&]month=2026-10(&|$)/);
    await expect(page.getByRole("heading", { level: 2, name: "令和8年10月の概要" })).toBeVisible();
    await expect(shown(datePart(dateGroup(page, "対象月"), "月"))).toHaveText("10月");
  });

  test("the issuance log's date filter reads 2026年12月1日（火）／令和8年12月1日 and submits ?from=&to=", async () => {
    await page.goto("/issuances");
    await expect(page.getByRole("heading", { level: 1, name: "発行履歴" })).toBeVisible();
    const from = dateGroup(page, "作成日（開始）");
    await expect(datePart(from, "年")).toHaveValue("");
    await chooseDate(page, "作成日（開始）", "2026-12-01");
    await expect(from).toContainText("2026年12月1日（火）／令和8年12月1日");
    await expect(shown(datePart(from, "日"))).toHaveText("1日（火）");
    await expectJapaneseOnly(from);

    // A half-chosen date says what is missing instead of searching by a date nobody meant.
    const to = dateGroup(page, "作成日（終了）");
    await datePart(to, "年").selectOption("2026");
    await expect(to).toContainText("年・月・日をすべて選んでください。");
    await chooseDate(page, "作成日（終了）", "2026-12-07");
    await expect(to).toContainText("2026年12月7日（月）／令和8年12月7日");
    await expectJapaneseOnly(to);
    await expectAccessible(page, "issuances");

    await page.getByRole("button", { name: "検索" }).click();
    await expect(page).toHaveURL(/[?&]from=2026-12-01&to=2026-12-07(&|$)/);
    // The page shown for the URL holds the dates it searched by.
    await expect(dateGroup(page, "作成日（開始）")).toContainText("2026年12月1日（火）／令和8年12月1日");
    await expect(shown(datePart(dateGroup(page, "作成日（終了）"), "日"))).toHaveText("7日（月）");
  });

  test("the fee form starts at tomorrow and saves the chosen day as that day in Japan", async () => {
    await page.goto("/service/fees");
    const effectiveFrom = dateGroup(page, "適用開始日");
    // Tomorrow by the server's clock, read the Japanese way.
    await expect(effectiveFrom).toContainText(/\d{4}年\d{1,2}月\d{1,2}日（[日月火水木金土]）／令和(元|\d+)年\d{1,2}月\d{1,2}日/);
    await expectJapaneseOnly(effectiveFrom);
    await expectAccessible(page, "fees");

    // The last year offered is years ahead, whenever the test runs: 1 April of it.
    const year = await datePart(effectiveFrom, "年").locator("option").last().getAttribute("value");
    await chooseDate(page, "適用開始日", `${year}-04-01`);
    await page.getByLabel("証明書の種類").selectOption({ label: "印鑑登録証明書" });
    await page.getByLabel("金額（円、1通あたり）").fill("280");
    await page.getByLabel("備考").fill("和暦の日付");
    await page.getByRole("button", { name: "手数料を予約" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "和暦の日付" })).toContainText(`${year}/04/01`);
  });

  test("a planned stop's date and time are Japan time, not New York's", async () => {
    await page.goto("/service/stops");
    const startsAt = dateGroup(page, "開始日時（日本時間）");
    const year = await datePart(startsAt, "年").locator("option").last().getAttribute("value");
    await chooseDate(page, "開始日時（日本時間）", `${year}-01-05T09:05`);
    await expect(startsAt).toContainText(`${year}年1月5日`);
    await expect(startsAt).toContainText("9時05分（日本時間）");
    await expectJapaneseOnly(startsAt);
    await chooseDate(page, "終了日時（日本時間）", `${year}-01-05T10:30`);
    await page.getByLabel("住民向けのお知らせ文（500文字以内）").fill("システムの点検のため停止します。");
    await expectAccessible(page, "stops");
    await page.getByRole("button", { name: "計画停止を登録" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "システムの点検のため停止します。" })).toContainText(`${year}/01/05 09:05〜${year}/01/05 10:30`);
  });
});
