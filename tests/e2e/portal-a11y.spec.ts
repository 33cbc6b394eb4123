import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { createRegistration } from "../factories/koseki";
import { accountOf, createE2eKioskClient, createE2eMunicipality, createE2eStaff, createE2eTenant, factories } from "./helpers/fixtures";
import { portalRoutes } from "./helpers/portal-routes";
import { signIn, type Account } from "./helpers/sign-in";

// An axe check of every portal page, for an operator, a municipal administrator and an auditor, including the
// detail pages. The pages are read from app/(portal), so a new page is checked without editing this file
// (a new dynamic segment needs a target below). Pages only reached after an action (a new API client's secret,
// a temporary password, new recovery codes) are checked in their own specs. The tenant and the accounts are
// this spec's own (helpers/fixtures.ts).

let CODE: string;
const ACCOUNTS: Record<string, Account> = {};

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${new URL(page.url()).pathname} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.beforeAll(async ({ baseURL }) => {
  const tenant = await createE2eTenant();
  const m = tenant.municipality;
  CODE = m.code;
  // An issuance reported failed: an issuance detail and an incident detail to open.
  const holder = await factories(() => createCardholder(m.id));
  const client = await createE2eKioskClient(baseURL!, m.id, "2026-11-27T01:00:00.000Z");
  const body = { ...baseRequest(holder.card.serial, m.code), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-a11y-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  expect((await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" })).status).toBe(200);
  // A 本籍地 application held by the tenant, from another municipality's cardholder.
  const other = await factories(async () => createCardholder((await createE2eMunicipality()).id));
  await factories(() => createRegistration(m.id, other.card, { status: "pending" }));
  ACCOUNTS.operator = await createE2eStaff(null, "operator");
  ACCOUNTS.admin = accountOf(tenant.admin);
  ACCOUNTS.auditor = await createE2eStaff(m.id, "auditor");
});

/** Stands in for a dynamic segment the account cannot reach (its page forbids the role, or has no row for it). */
const ABSENT = "00000000-0000-4000-8000-000000000000";

/** The id at the end of the first link under `list` whose path starts with `prefix`, or ABSENT. */
async function firstId(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator(`main a[href^="${prefix}"]:not([href$="/new"])`).first().getAttribute("href", { timeout: 2_000 }).catch(() => null);
  return href?.split("?")[0].split("/").pop() ?? ABSENT;
}

// Between them these accounts see every page with data: the operator (all administration), the tenant's
// administrator (its staff, issuances and incidents), its auditor (本籍地 利用登録 applications).
for (const who of ["operator", "admin", "auditor"]) {
  test(`every portal page passes axe (${who})`, async ({ page }, testInfo) => {
    // Every page is visited and checked by axe: ≈ 3 min for the operator on a quiet 2-core machine (issue 22 added seven pages).
    test.setTimeout(420_000);
    await signIn(page, testInfo, ACCOUNTS[who]);

    const segment: Record<string, string> = {
      "/issuances/[id]": await firstId(page, "/issuances", "/issuances/"),
      "/incidents/[id]": await firstId(page, "/incidents", "/incidents/"),
      "/municipalities/[code]": CODE,
      "/staff/[id]": await firstId(page, "/staff", "/staff/"),
      "/koseki-registrations/[id]": await firstId(page, "/koseki-registrations?filter=all", "/koseki-registrations/"),
      "/residents/[id]": await firstId(page, "/residents?kana=ヤマカワ", "/residents/"),
    };
    if (who === "admin") {
      for (const prefix of ["/issuances/[id]", "/incidents/[id]", "/staff/[id]", "/residents/[id]"]) expect(segment[prefix], prefix).not.toBe(ABSENT);
    }
    if (who === "auditor") expect(segment["/koseki-registrations/[id]"]).not.toBe(ABSENT);

    const pages = portalRoutes().filter((r) => r.kind === "page").map((r) => r.pattern);
    expect(pages).toEqual(expect.arrayContaining(["/staff/[id]", "/account/password", "/account/mfa"]));
    const problems: string[] = [];
    for (const pattern of pages) {
      let url = pattern;
      let absent = false;
      for (const m of pattern.matchAll(/\[[^\]]+\]/g)) {
        const prefix = pattern.slice(0, (m.index ?? 0) + m[0].length);
        const value = segment[prefix];
        expect(value, `no target for the dynamic segment ${prefix}: add one to this spec`).toBeTruthy();
        absent ||= value === ABSENT;
        url = url.replace(m[0], value);
      }
      const res = await page.goto(url);
      // Pages a role may not open send it to /forbidden, which is checked like any page; an absent id is a 404.
      expect(res?.status(), url).toBeLessThan(absent ? 405 : 400);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      problems.push(...(await seriousViolations(page)));
    }
    expect(problems).toEqual([]);
  });
}
