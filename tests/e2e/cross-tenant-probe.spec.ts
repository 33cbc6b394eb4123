import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { createRegistration } from "../factories/koseki";
import { accountOf, createE2eKioskClient, createE2eTenant, factories } from "./helpers/fixtures";
import { portalRoutes } from "./helpers/portal-routes";
import { signIn } from "./helpers/sign-in";
import { patternPng } from "../factories/png";
import { ownerDb } from "../setup/owner-db";

// Cross-tenant probe over every portal page and route handler: the administrator of tenant A opens each of them —
// dynamic ones with tenant B's ids and code, static ones also with B in the query string — and must see nothing
// of B. Both tenants are this spec's own (helpers/fixtures.ts). The pages are read from app/(portal), so a new
// page fails this test until it has a probe target here. (The verbs behind the pages and server actions:
// tests/integration/cross-tenant-probe.)

test("tenant A's administrator gets nothing of tenant B from any portal page or route", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const a = await createE2eTenant("市");
  const b = await createE2eTenant("区");

  // B's objects: an issuance reported failed, its staff, its incident, a 本籍地 application from an A
  // cardholder (B as the 本籍地), and a monthly report made by its administrator.
  const bHolder = await factories(() => createCardholder(b.municipality.id));
  const client = await createE2eKioskClient(baseURL!, b.municipality.id, "2026-11-27T01:00:00.000Z");
  const body = { ...baseRequest(bHolder.card.serial, b.municipality.code), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-probe-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" });
  expect(done.status).toBe(200);
  const registration = await factories(() => createRegistration(b.municipality.id, a.card, { status: "pending" }));
  // A 公印 history entry of B (its thumbnail route).
  const bSeal = await factories(() => ownerDb().officialSeal.create({ data: { municipalityId: b.municipality.id, effectiveFrom: new Date("2020-01-01T00:00:00Z"), image: patternPng(48, 90), sha256: "0".repeat(64), bytes: patternPng(48, 90).byteLength } }));

  const bAdmin = await browser.newPage();
  await signIn(bAdmin, testInfo, accountOf(b.admin));
  await bAdmin.goto("/statistics/reports?month=2026-09");
  await bAdmin.getByRole("button", { name: "月次報告を作成" }).click();
  await expect(bAdmin.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible({ timeout: 30_000 });
  const reportHref = await bAdmin.locator('a[href^="/statistics/reports/"]').first().getAttribute("href");
  expect(reportHref).toMatch(/^\/statistics\/reports\/[0-9a-f-]{36}\/\w+/);
  await bAdmin.close();

  // The value for each dynamic segment: B's.
  const segment: Record<string, string | null> = {
    "/issuances/[id]": issued.body.issuanceId,
    "/incidents/[id]": b.incident.id,
    "/municipalities/[code]": b.municipality.code,
    "/staff/[id]": b.clerk.id,
    "/koseki-registrations/[id]": registration.id,
    "/residents/[id]": b.head.id,
    "/statistics/reports/[id]": reportHref!.split("/")[3],
    "/statistics/reports/[id]/[format]": reportHref!.split("/")[4],
    "/mayor-and-seal/seals/[id]": bSeal.id,
  };
  const code = b.municipality.code;
  // Query strings a page or route reads a municipality from.
  const query = `municipality=${code}&chain=${code}&code=${code}&type=residence`;
  const markers = [code, b.municipality.name, b.municipality.mayorTitle, b.admin.loginId, b.clerk.loginId, issued.body.issuanceNo, registration.receiptNo, b.head.residentNo, b.card.serial];

  const page = await browser.newPage();
  await signIn(page, testInfo, accountOf(a.admin));
  const routes = portalRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const visited: string[] = [];
  const leaks: string[] = [];
  for (const r of routes) {
    let url = r.pattern;
    for (const m of r.pattern.matchAll(/\[[^\]]+\]/g)) {
      const prefix = r.pattern.slice(0, (m.index ?? 0) + m[0].length);
      const value = segment[prefix];
      expect(value, `no target of B for the dynamic segment ${prefix}: add one to this probe`).toBeTruthy();
      url = url.replace(m[0], value!);
    }
    for (const target of [url, `${url}?${query}`]) {
      visited.push(target);
      if (r.kind === "route") {
        // Route handlers: GET (and an empty POST) answer a refusal, never B's bytes.
        for (const method of ["GET", "POST"] as const) {
          const res = await page.request.fetch(target, { method, data: method === "POST" ? Buffer.alloc(0) : undefined, headers: { origin: baseURL! }, failOnStatusCode: false });
          if (res.status() === 405) continue;
          if (res.ok()) leaks.push(`${method} ${target}: ${res.status()} ${res.headers()["content-type"]}`);
        }
        continue;
      }
      const res = await page.goto(target);
      // What the page shows (not its markup: the RSC payload echoes the query string back).
      const text = await page.locator("body").innerText();
      const found = markers.filter((m) => text.includes(m));
      if (found.length) leaks.push(`${target} (${res?.status()}): shows ${found.join(", ")}`);
    }
  }
  expect(visited.length).toBeGreaterThan(40);
  expect(leaks).toEqual([]);
});
