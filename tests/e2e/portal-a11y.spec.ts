import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { baseRequest, KioskClient } from "../../scripts/kiosk/client";
import { account, signIn } from "./helpers/sign-in";

// An axe check of every portal page, for the operator and for a municipal administrator of 世田谷区, including
// the detail pages. The pages are read from app/(portal), so a new page is checked without editing this file
// (a new dynamic segment needs a target below). Pages only reached after an action (a new API client's secret,
// a temporary password, new recovery codes) are checked in their own specs.

const SETAGAYA = "131121";
const PORTAL = path.join(import.meta.dirname, "..", "..", "app", "(portal)");

/** URL patterns of every page.tsx under app/(portal), route groups and private folders left out. */
function portalPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name.startsWith("_")) continue;
        walk(path.join(dir, e.name), url + (/^\(.*\)$/.test(e.name) ? "" : `/${e.name}`));
      } else if (e.name === "page.tsx") out.push(url || "/");
    }
  };
  walk(PORTAL, "");
  return out.sort();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${new URL(page.url()).pathname} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

let issuance: { issuanceId: string; issuanceNo: string };

test.beforeAll(async ({ baseURL }) => {
  // A 世田谷区 issuance reported failed: an issuance detail and an incident detail to open.
  const client = new KioskClient({ baseUrl: baseURL!, keyId: "demo-simulator", secret: "demo-simulator-secret-0123456789abcdef", clockOverride: "2026-11-27T01:00:00.000Z" });
  const body = { ...baseRequest(`JPKI-${SETAGAYA}-000001`, SETAGAYA), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-a11y-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  expect((await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" })).status).toBe(200);
  issuance = issued.body;
});

for (const who of ["operator", "setagaya-admin"]) {
  test(`every portal page passes axe (${who})`, async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    await signIn(page, testInfo, account(who));

    await page.goto("/incidents");
    const incidentHref = await page.getByRole("row").filter({ hasText: issuance.issuanceNo }).getByRole("link").first().getAttribute("href");
    await page.goto("/staff");
    const staffHref = await page.locator('main table a[href^="/staff/"]').first().getAttribute("href");
    const segment: Record<string, string | null | undefined> = {
      "/issuances/[id]": issuance.issuanceId,
      "/incidents/[id]": incidentHref?.split("/").pop(),
      "/municipalities/[code]": SETAGAYA,
      "/staff/[id]": staffHref?.split("/").pop(),
    };

    const pages = portalPages();
    expect(pages).toEqual(expect.arrayContaining(["/staff/[id]", "/account/password", "/account/mfa"]));
    const problems: string[] = [];
    for (const pattern of pages) {
      let url = pattern;
      for (const m of pattern.matchAll(/\[[^\]]+\]/g)) {
        const prefix = pattern.slice(0, (m.index ?? 0) + m[0].length);
        const value = segment[prefix];
        expect(value, `no target for the dynamic segment ${prefix}: add one to this spec`).toBeTruthy();
        url = url.replace(m[0], value!);
      }
      const res = await page.goto(url);
      expect(res?.status(), url).toBeLessThan(400);
      // Operator-only pages send the administrator to /forbidden, which is checked like any page.
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      problems.push(...(await seriousViolations(page)));
    }
    expect(problems).toEqual([]);
  });
}
