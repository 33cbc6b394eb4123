import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { baseRequest, type KioskClient } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { chooseDate } from "./helpers/date-fields";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { account, signIn, type Account } from "./helpers/sign-in";

// Statistics and monthly reports for the administrator of a municipality of this spec's own (helpers/fixtures.ts):
// two printed issuances (and a cancelled one) of its cardholder through the kiosk API with its own key, then the
// statistics page (charts with tables, filters in the URL), a report generated on demand and downloaded (PDF and
// Shift_JIS CSV), and the counter count form with a field error. Axe on every page.
let MUNICIPALITY: { id: string; code: string; name: string };
let ADMIN: Account;
let CARD_SERIAL: string;
let kiosk: KioskClient;


// The kiosk requests are judged at a fixed instant (the e2e server allows the clock override): 10:00 JST on
// Thursday 2026-10-15, so the issuances complete in 2026-10 whenever the run happens. The municipality is this
// spec's own, so the counts below are this spec's own.
const CLOCK = "2026-10-15T01:00:00.000Z";
const MONTH = "2026-10";

async function issueAndComplete(client: KioskClient, outcome: "printed" | "cancelled", storeChain: string, storeMunicipalityCode?: string) {
  const body = {
    ...baseRequest(CARD_SERIAL, MUNICIPALITY.code),
    terminal: { storeChain, storeCode: "E2E-0001", terminalId: "E1", ...(storeMunicipalityCode ? { municipalityCode: storeMunicipalityCode } : {}) },
    certificateType: "residence",
    copies: 1,
    options: { members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false },
  };
  const issued = await client.post<{ issuanceId: string }>("/issuances", body, { idempotencyKey: `e2e-stats-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome });
  expect(done.status, done.raw).toBe(200);
}

test.beforeAll(async ({ baseURL }) => {
  MUNICIPALITY = await createE2eMunicipality();
  ADMIN = await createE2eStaff(MUNICIPALITY.id, "municipal_admin", { displayName: "統計 管理一郎" });
  CARD_SERIAL = (await factories(() => createCardholder(MUNICIPALITY.id))).card.serial;
  kiosk = await createE2eKioskClient(baseURL!, MUNICIPALITY.id, CLOCK);
});

test.describe.serial("statistics and monthly reports", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    await issueAndComplete(kiosk, "printed", "lawson");
    await issueAndComplete(kiosk, "printed", "seven-eleven", "011002"); // a store in 札幌市: out of town
    await issueAndComplete(kiosk, "cancelled", "lawson");
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, testInfo, ADMIN);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("the statistics page shows the printed issuances in charts and tables, with the filters in the URL", async () => {
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "利用統計・月次報告" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "利用統計" })).toBeVisible();
    await chooseDate(page, "対象月", MONTH);
    await page.getByRole("button", { name: "表示" }).click();
    await expect(page).toHaveURL(new RegExp(`month=${MONTH}`));
    await expect(page.getByRole("heading", { level: 2, name: "令和8年10月の概要" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(MUNICIPALITY.name);
    const typeTable = page.getByRole("region", { name: "証明書の種類別の表" });
    await expect(typeTable.getByRole("row").filter({ hasText: "住民票の写し" })).toContainText("2");
    const chainTable = page.getByRole("region", { name: "コンビニチェーン別の表" });
    await expect(chainTable.getByRole("row").filter({ hasText: "ローソン" })).toContainText("1");
    await expect(chainTable.getByRole("row").filter({ hasText: "セブン-イレブン" })).toContainText("1");
    const residenceTable = page.getByRole("region", { name: "住民・市区町村外の利用（端末の所在地による）の表" });
    await expect(residenceTable.getByRole("row").filter({ hasText: "市区町村外での利用" })).toContainText("1");
    // The charts are drawn (recharts SVG) and hidden from assistive technology: the tables carry the data.
    await expect(page.locator("[aria-hidden=true] svg.recharts-surface").first()).toBeVisible();
    await expectAccessible(page, "statistics-reports");

    await chooseDate(page, "対象月", "2025-10");
    await page.getByRole("button", { name: "表示" }).click();
    await expect(page).toHaveURL(/month=2025-10/);
    await expect(page.getByRole("heading", { level: 2, name: "令和7年10月の概要" })).toBeVisible();
    await expect(page.getByRole("region", { name: "証明書の種類別の表" }).getByRole("row")).toHaveCount(1); // header only
  });

  test("a report generated on demand is listed with who made it and downloads as PDF and Shift_JIS CSV", async () => {
    await page.goto(`/statistics/reports?month=${MONTH}`);
    await expect(page.getByRole("heading", { level: 1, name: "月次報告" })).toBeVisible();
    await page.getByRole("button", { name: "月次報告を作成" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible({ timeout: 30_000 });
    const row = page.getByRole("region", { name: "作成済みの月次報告の表" }).getByRole("row").nth(1);
    await expect(row).toContainText("統計 管理一郎");
    await expectAccessible(page, "statistics-reports");

    const [pdf] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /PDF/ }).click()]);
    expect(pdf.suggestedFilename()).toBe(`monthly-report-${MUNICIPALITY.code}-${MONTH}.pdf`);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe("%PDF-");
    const [csv] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Shift_JIS/ }).click()]);
    const bytes = fs.readFileSync((await csv.path())!);
    const { default: iconv } = await import("iconv-lite");
    const text = iconv.decode(bytes, "cp932");
    expect(text.split("\r\n")[0]).toBe('"区分","項目","発行件数","発行通数","手数料（円）","委託手数料（円）"');
    expect(text).toContain('"証明書の種類","住民票の写し","2"');
  });

  test("the counter count form shows a Japanese error on its field, then the kiosk share", async () => {
    await page.goto(`/statistics/settlement?month=${MONTH}`);
    await expect(page.getByRole("heading", { level: 1, name: "精算・交付率" })).toBeVisible();
    const field = page.getByRole("textbox", { name: /^窓口での発行通数/ });
    await field.fill("たくさん");
    await page.getByRole("button", { name: "窓口の通数を保存" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/窓口での発行通数を数字で入力してください/);
    await field.fill("6");
    await page.getByRole("button", { name: "窓口の通数を保存" }).click();
    await expect(page.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("25.0%"); // 2 kiosk copies of 8
    await expectAccessible(page, "statistics-reports");
  });
});

test("the operator compares every municipality and opens one", async ({ browser }, testInfo) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, testInfo, account("operator"));
  await page.goto(`/statistics?month=${MONTH}`);
  await expect(page.getByRole("heading", { level: 1, name: "利用統計" })).toBeVisible();
  const table = page.getByRole("region", { name: "自治体ごとの比較の表" });
  const own = table.getByRole("row").filter({ hasText: MUNICIPALITY.name });
  // The count's own cell: the row's header carries the code, whose digits could hold a "2".
  await expect(own.getByRole("cell").first()).toHaveText("2");
  await expectAccessible(page, "statistics-reports");
  await own.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`municipality=${MUNICIPALITY.code}`));
  await expect(page.getByRole("main")).toContainText(`${MUNICIPALITY.name}（団体コード ${MUNICIPALITY.code}）`);
  await expect(page.getByRole("region", { name: "自治体ごとの比較の表" })).toHaveCount(0);
  await page.context().close();
});
