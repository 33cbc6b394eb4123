import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the API page explains signing and lists the operations, with no serious accessibility violations", async ({ page }) => {
  await page.goto("/api-docs");
  await expect(page.locator("h1")).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText("/api/kiosk/v1/eligibility");
  await expect(main).toContainText("/api/kiosk/v1/issuances");
  await expect(main).toContainText("Signature-Input");
  await expect(main).toContainText("resident_deceased");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the OpenAPI document is served", async ({ request }) => {
  const res = await request.get("/api/kiosk/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toMatch(/^3\.1/);
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/kiosk/v1/eligibility", "/api/kiosk/v1/issuances", "/api/kiosk/v1/issuances/{id}/completion"]));
});
