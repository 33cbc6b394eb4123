import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { baseRequest, KioskClient } from "../../scripts/kiosk/client";
import { portalRoutes } from "./helpers/portal-routes";
import { account, signIn } from "./helpers/sign-in";

// Cross-tenant probe over every portal page and route handler: 松本市's administrator opens each of them —
// dynamic ones with 世田谷区's (or 小布施町's) ids and code, static ones also with 世田谷区 in the query
// string — and must see nothing of either. The pages are read from app/(portal), so a new page fails this test until it has
// a probe target here. (The verbs behind the pages and server actions: tests/integration/cross-tenant-probe.)

const SETAGAYA = "131121";


test("松本市's administrator gets nothing of 世田谷区 from any portal page or route", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);

  // 世田谷区's objects: an issuance reported failed (which opens an incident), its staff.
  const client = new KioskClient({ baseUrl: baseURL!, keyId: "demo-simulator", secret: "demo-simulator-secret-0123456789abcdef", clockOverride: "2026-11-27T01:00:00.000Z" });
  const body = { ...baseRequest(`JPKI-${SETAGAYA}-000001`, SETAGAYA), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-probe-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" });
  expect(done.status).toBe(200);

  const setagaya = await browser.newPage();
  await signIn(setagaya, testInfo, account("setagaya-admin"));
  await setagaya.goto("/incidents");
  const incidentHref = await setagaya.getByRole("row").filter({ hasText: issued.body.issuanceNo }).getByRole("link").first().getAttribute("href");
  const incidentId = incidentHref?.split("/").pop();
  expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
  await setagaya.goto("/staff");
  await expect(setagaya.getByRole("heading", { level: 1 })).toBeVisible();
  const staffLinks = setagaya.locator('a[href^="/staff/"]:not([href="/staff/new"])');
  const staffHref = (await staffLinks.count()) ? await staffLinks.first().getAttribute("href") : null;
  await setagaya.goto("/statistics/reports?month=2026-09");
  await setagaya.getByRole("button", { name: "月次報告を作成" }).click();
  await expect(setagaya.getByRole("status").filter({ hasText: "保存しました" })).toBeVisible({ timeout: 30_000 });
  const reportHref = await setagaya.locator('a[href^="/statistics/reports/"]').first().getAttribute("href");
  expect(reportHref).toMatch(/^\/statistics\/reports\/[0-9a-f-]{36}\/\w+/);
  await setagaya.close();

  // 本籍地 applications are held by 松本市 and 小布施町 in the demo data: probe with one of 小布施町's.
  const obuse = await browser.newPage();
  await signIn(obuse, testInfo, account("obuse-admin"));
  await obuse.goto("/koseki-registrations?filter=all");
  await expect(obuse.getByRole("heading", { level: 1 })).toBeVisible();
  const registrationHref = await obuse.locator('a[href^="/koseki-registrations/"]').first().getAttribute("href");
  expect(registrationHref).toMatch(/^\/koseki-registrations\/[0-9a-f-]{36}$/);
  await obuse.close();

  // The value for each dynamic segment: 世田谷区's.
  const segment: Record<string, string | null> = {
    "/issuances/[id]": issued.body.issuanceId,
    "/incidents/[id]": incidentId!,
    "/municipalities/[code]": SETAGAYA,
    "/staff/[id]": staffHref?.split("/").pop() ?? null,
    "/koseki-registrations/[id]": registrationHref!.split("/").pop()!,
    "/statistics/reports/[id]": reportHref!.split("/")[3],
    "/statistics/reports/[id]/[format]": reportHref!.split("/")[4],
  };
  // Query strings a page or route reads a municipality from.
  const query = `municipality=${SETAGAYA}&chain=${SETAGAYA}&code=${SETAGAYA}&type=residence`;
  // Not the bare names: 松本市 legitimately shows applicants who live in 世田谷区.
  const markers = [SETAGAYA, "世田谷区長", "setagaya-", issued.body.issuanceNo, "小布施町長", "obuse-", "RDEM-2026-0002", "RDEM-2025-0004"];

  const page = await browser.newPage();
  await signIn(page, testInfo, account("matsumoto-admin"));
  const routes = portalRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const visited: string[] = [];
  const leaks: string[] = [];
  for (const r of routes) {
    let url = r.pattern;
    for (const m of r.pattern.matchAll(/\[[^\]]+\]/g)) {
      const prefix = r.pattern.slice(0, (m.index ?? 0) + m[0].length);
      const value = segment[prefix];
      expect(value, `no 世田谷区 target for the dynamic segment ${prefix}: add one to this probe`).toBeTruthy();
      url = url.replace(m[0], value!);
    }
    for (const target of [url, `${url}?${query}`]) {
      visited.push(target);
      if (r.kind === "route") {
        // Route handlers: GET (and an empty POST) answer a refusal, never 世田谷区's bytes.
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
