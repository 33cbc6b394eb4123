import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { account, signIn as signInWithMfa } from "./helpers/sign-in";

// Demo accounts come from the seed that `npm start` loads into the fresh e2e database (docs/demo-data.md).
const CLERK = account("setagaya-clerk");
const OPERATOR = account("operator");
const SETAGAYA = "131121";
const OTHER_MUNICIPALITY = "202029";

async function signIn(page: Page, acc = CLERK) {
  await signInWithMfa(page, test.info() as TestInfo, acc);
}

test("a clerk opens a sample 印鑑登録証明書 from the navigation and downloads the sample set", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "証明書の見本" }).click();
  await expect(page).toHaveURL(/\/preview/);
  await expect(page.getByRole("heading", { level: 1, name: "証明書の見本" })).toBeVisible();
  // A clerk sees their own municipality, fixed: there is nothing to choose.
  await expect(page.getByLabel("自治体")).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText(SETAGAYA);

  await page.getByLabel("証明書の種類").selectOption({ label: "印鑑登録証明書" });
  await page.getByRole("button", { name: "見本を表示" }).click();
  await expect(page).toHaveURL(/type=seal/);
  await expect(page.getByRole("heading", { level: 2, name: /印鑑登録証明書（見本）/ })).toBeVisible();
  await expect(page.getByLabel("証明書の種類")).toHaveValue("seal");

  const frame = page.locator('iframe[title="証明書の見本（PDF）"]');
  await expect(frame).toBeVisible();
  const src = await frame.getAttribute("src");
  expect(src).toContain(`municipality=${SETAGAYA}`);
  expect(src).toContain("type=seal");

  // page.request carries the browser context's session cookie.
  const pdf = await page.request.get(src!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; filename="131121_seal_sample\.pdf"; filename\*=UTF-8''/);
  // The page frames it: frame-ancestors 'self' lets the portal show it despite X-Frame-Options.
  expect(pdf.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const zipLink = page.getByRole("link", { name: "見本PDFを一括ダウンロード（ZIP）" });
  await expect(zipLink).toBeVisible();
  const zip = await page.request.get((await zipLink.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect(zip.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect((await zip.body()).subarray(0, 2).toString("latin1")).toBe("PK");

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("a clerk cannot preview another municipality, and bad parameters are refused", async ({ page }) => {
  await signIn(page);
  for (const path of [`/preview/pdf?municipality=${OTHER_MUNICIPALITY}&type=seal`, `/preview/set?municipality=${OTHER_MUNICIPALITY}`]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect((await res.json()).code).toBe("forbidden");
  }
  const badType = await page.request.get(`/preview/pdf?municipality=${SETAGAYA}&type=passport`);
  expect(badType.status()).toBe(422);
  expect((await badType.json()).code).toBe("validation_failed");
  const badCode = await page.request.get("/preview/set?municipality=131122");
  expect(badCode.status()).toBe(422);

  // The page ignores a municipality in the URL for a clerk: it still shows their own.
  await page.goto(`/preview?municipality=${OTHER_MUNICIPALITY}&type=residence`);
  await expect(page.locator('iframe[title="証明書の見本（PDF）"]')).toHaveAttribute("src", new RegExp(`municipality=${SETAGAYA}`));
});

test("the operator chooses any municipality", async ({ page }) => {
  await signIn(page, OPERATOR);
  await page.goto("/preview");
  await page.getByLabel("自治体").selectOption(OTHER_MUNICIPALITY);
  await page.getByLabel("証明書の種類").selectOption({ label: "戸籍全部事項証明書" });
  await page.getByRole("button", { name: "見本を表示" }).click();
  await expect(page).toHaveURL(new RegExp(`municipality=${OTHER_MUNICIPALITY}`));
  const src = await page.locator('iframe[title="証明書の見本（PDF）"]').getAttribute("src");
  expect(src).toContain(`municipality=${OTHER_MUNICIPALITY}`);
  const pdf = await page.request.get(src!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});

test("without a session the preview routes answer 401 and the page asks to sign in", async ({ request, page }) => {
  for (const path of [`/preview/pdf?municipality=${SETAGAYA}&type=seal`, `/preview/set?municipality=${SETAGAYA}`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect((await res.json()).code).toBe("unauthenticated");
  }
  await page.goto("/preview");
  await expect(page).toHaveURL(/\/login/);
});
