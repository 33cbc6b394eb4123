import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createE2eMunicipality, createE2eStaff } from "./helpers/fixtures";
import { completeEnrolment, completeTotpStep, signInPassword, type Account } from "./helpers/sign-in";

// データ取込: a municipal administrator uploads a delta file with the progress bar and sees the report; a file
// with a bad row imports nothing and shows the line; the recent jobs list both. The municipality and its
// administrator are this spec's own (helpers/fixtures.ts): the residents imported are added to nobody else's.
let MUNICIPALITY: { id: string; name: string };
let ADMIN: Account;

const HEADER = "異動区分,住民番号,世帯番号,住所,氏,名,氏カナ,名カナ,生年月日,性別,世帯主,続柄,住民となった日,住所を定めた日";
const row = (no: string, birth = "1990-05-05") => `add,E2E-${no},E2E-H${no},長野県松本市丸の内3番7号,試験,取込${no},シケン,トリコミ,${birth},女,1,世帯主,2024-04-01,2024-04-01`;

test.describe.serial("data import", () => {
  let page: Page;
  test.beforeAll(async ({ browser }, testInfo) => {
    MUNICIPALITY = await createE2eMunicipality();
    ADMIN = await createE2eStaff(MUNICIPALITY.id, "municipal_admin");
    page = await (await browser.newContext()).newPage();
    await signInPassword(page, ADMIN);
    const enrol = page.getByRole("heading", { level: 1, name: "2段階認証の設定" });
    if (await enrol.isVisible()) await completeEnrolment(page, testInfo, ADMIN.loginId);
    else await completeTotpStep(page, testInfo, ADMIN.loginId);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  test("the page is in the menu and has no serious accessibility violations", async () => {
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "データ取込" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "データ取込" })).toBeVisible();
    await expect(page.getByText(`${MUNICIPALITY.name}（団体コード`)).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("without a file the message is tied to the file field; options that do not fit are corrected", async () => {
    await page.getByRole("button", { name: "取り込む" }).click();
    const file = page.getByLabel("ファイル", { exact: true });
    await expect(file).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("取り込むファイルを選んでください。")).toBeVisible();
    // JSON Lines is UTF-8 only: the encoding choice follows the format.
    await page.getByLabel("ファイル形式").selectOption("jsonl");
    await expect(page.getByLabel("文字コード").locator("option")).toHaveCount(1);
    await page.getByLabel("ファイル形式").selectOption("csv");
  });

  test("uploads a delta file and reports the counts", async () => {
    await page.getByLabel("データの種類").selectOption("residents");
    await page.getByLabel("差分（追加・更新・削除の行のみ）").check();
    await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "jumin-delta.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${row("1")}\r\n${row("2")}\r\n`) });
    await page.getByRole("button", { name: "取り込む" }).click();
    const report = page.getByRole("alert").filter({ hasText: "取り込みました" });
    await expect(report).toBeVisible();
    await expect(report).toContainText("2件・0件・0件");
    await expect(page.getByRole("region", { name: "最近の取込の表" })).toContainText("jumin-delta.csv");
  });

  test("a bad row imports nothing and is reported with its line", async () => {
    await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "jumin-bad.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\r\n${row("3")}\r\n${row("4", "1990-02-30")}\r\n`) });
    await page.getByRole("button", { name: "取り込む" }).click();
    const report = page.getByRole("alert").filter({ hasText: "何も取り込んでいません" });
    await expect(report).toBeVisible();
    await expect(report).toContainText("3行目 生年月日: 日付は YYYY-MM-DD 形式の実在する日付で入力してください。");
    const table = page.getByRole("region", { name: "最近の取込の表" });
    await expect(table).toContainText("jumin-bad.csv");
    await expect(table).toContainText("失敗");
  });
});
