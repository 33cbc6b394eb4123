import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { rasterisePdf, readQr } from "../pdf-raster";
import { expectAccessible } from "./helpers/a11y";
import { orderSealCertificate, screenHeading } from "./helpers/kiosk";
import { account, signIn } from "./helpers/sign-in";

// Issue 20's acceptance, end to end on the demo data: a resident prints a 印鑑登録証明書 at the kiosk simulator;
// the QR code read off the printed PDF (as a phone reads the paper) opens /verify, which answers 有効; the
// municipality's administrator (a demo account, signed in with its published TOTP secret, no device) marks it
// 誤交付 from the issuance's detail screen; the same QR address then answers 無効.

/** The printout the simulator shows, saved through its download link (the page's CSP keeps blob: URLs from fetch). */
async function printedPdf(page: Page): Promise<Uint8Array> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "印刷された証明書をPDFで保存（シミュレーターのみ）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^131121-2026-\d{8}\.pdf$/);
  return new Uint8Array(fs.readFileSync((await download.path())!));
}

async function lookUp(page: Page, verifyUrl: string): Promise<string> {
  await page.goto(verifyUrl);
  await expect(page.getByRole("heading", { level: 1, name: "コンビニ交付の証明書の確認" })).toBeVisible();
  await page.getByRole("button", { name: "確認する" }).click();
  const status = page.getByTestId("verify-status");
  await expect(status).toBeVisible();
  return (await status.innerText()).trim();
}

test("a certificate printed at the simulator verifies from its QR code, and shows 無効 once marked 誤交付", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(240_000);

  // The kiosk: 長谷川 拓也 (demo wallet) prints one 印鑑登録証明書 inside service hours.
  await orderSealCertificate(page);
  await page.getByRole("button", { name: "支払って印刷する" }).click();
  await expect(screenHeading(page, "証明書を印刷しました")).toBeVisible();
  const issuanceNo = (await page.getByTestId("issuance-no").innerText()).trim();
  expect(issuanceNo).toMatch(/^131121-2026-\d{8}$/);

  // Every page carries the QR code of the same /verify address, with this 発行番号.
  const pages = await rasterisePdf(await printedPdf(page), 3);
  const urls = pages.map((p) => readQr(p));
  expect(urls.every((u) => u !== null && u === urls[0])).toBe(true);
  const verifyUrl = new URL(urls[0]!);
  expect(`${verifyUrl.origin}${verifyUrl.pathname}`).toBe(new URL("/verify", baseURL).toString());
  expect(verifyUrl.searchParams.get("no")).toBe(issuanceNo);

  // Whoever holds the paper: 有効, with the certificate's type and municipality and no name.
  expect(await lookUp(page, verifyUrl.toString())).toBe("有効");
  const result = page.getByRole("region", { name: /確認結果/ });
  await expect(result).toContainText("印鑑登録証明書");
  await expect(result).toContainText("世田谷区");
  await expect(result).not.toContainText("長谷川");
  await expectAccessible(page, "verify: valid");

  // The administrator finds it in the issuance log and marks it 誤交付.
  await signIn(page, testInfo, account("setagaya-admin"));
  await page.goto(`/issuances?issuanceNo=${issuanceNo}`);
  await page.getByRole("link", { name: issuanceNo }).click();
  await expect(page.getByRole("heading", { name: "発行記録の詳細", level: 1 })).toBeVisible();
  await page.getByLabel("無効にする理由").selectOption({ label: "誤交付" });
  await page.getByLabel("無効にすると取り消せないことを確認しました").check();
  await page.getByRole("button", { name: "この証明書を無効にする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "この証明書を無効にしました。" })).toBeVisible();
  await expect(page.getByRole("region", { name: "無効の記録" })).toContainText("誤交付");

  // At once, the same QR address answers 無効.
  expect(await lookUp(page, verifyUrl.toString())).toBe("無効");
  await expectAccessible(page, "verify: void");
});
