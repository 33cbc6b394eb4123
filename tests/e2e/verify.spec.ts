import crypto from "node:crypto";
import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { rasterisePdf, readQr } from "../pdf-raster";
import { createE2eKioskClient, createE2eMunicipality, factories } from "./helpers/fixtures";

// A certificate issued through the signed kiosk API and printed: its QR code, decoded from the rendered PDF as a
// phone would, opens /verify with both numbers filled in; pressing the button answers 有効 with the issuance's
// facts and nothing personal. A wrong 照合番号 answers 見つかりません. No sign-in; axe on both states.


test("a printed certificate's QR code opens /verify, which answers 有効 without personal data", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const municipality = await factories(() => createE2eMunicipality());
  const holder = await factories(() => createCardholder(municipality.id));
  const client = await createE2eKioskClient(baseURL!, municipality.id, "2026-11-27T01:00:00.000Z");
  const body = { ...baseRequest(holder.card.serial, municipality.code), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string; pdf: string; pdfSha256: string }>("/issuances", body, { idempotencyKey: `e2e-verify-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  expect((await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "printed" })).status).toBe(200);

  const [first] = await rasterisePdf(new Uint8Array(Buffer.from(issued.body.pdf, "base64")), 3);
  const url = new URL(readQr(first)!);
  expect(`${url.origin}${url.pathname}`).toBe(new URL("/verify", baseURL).toString());
  expect(url.searchParams.get("no")).toBe(issued.body.issuanceNo);
  const code = url.searchParams.get("code")!;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

  await page.goto(url.toString());
  await expect(page.getByRole("heading", { level: 1, name: "コンビニ交付の証明書の確認" })).toBeVisible();
  await expect(page.getByLabel("発行番号")).toHaveValue(issued.body.issuanceNo);
  await expect(page.getByLabel("照合番号")).toHaveValue(code);
  await expectAccessible(page, "form");

  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByTestId("verify-status")).toHaveText("有効");
  await expect(page.getByTestId("verify-sha256")).toHaveText(issued.body.pdfSha256);
  const result = page.getByRole("region", { name: /確認結果/ });
  await expect(result).toContainText("住民票の写し");
  await expect(result).toContainText(`${municipality.prefecture}${municipality.name}`);
  await expect(result).toContainText("令和8年11月27日 10:00");
  const shown = await result.innerText();
  for (const value of [holder.head.familyName, holder.head.givenName, holder.head.familyNameKana]) expect(shown).not.toContain(value);
  await expectAccessible(page, "valid");

  // The same number with another code: the one answer for every miss.
  const wrong = code.startsWith("0") ? `1${code.slice(1)}` : `0${code.slice(1)}`;
  await page.getByLabel("照合番号").fill(wrong);
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "確認できませんでした" })).toContainText("一致する証明書は見つかりませんでした");
  await expect(page.getByTestId("verify-status")).toHaveCount(0);
  await expectAccessible(page, "not found");
});
