import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { baseRequest, KioskClient } from "../../scripts/kiosk/client";
import { portalRoutes } from "./helpers/portal-routes";
import { account, signIn } from "./helpers/sign-in";

// An axe check of every portal page, for the operator and for a municipal administrator of 世田谷区, including
// the detail pages. The pages are read from app/(portal), so a new page is checked without editing this file
// (a new dynamic segment needs a target below). Pages only reached after an action (a new API client's secret,
// a temporary password, new recovery codes) are checked in their own specs.

const SETAGAYA = "131121";


async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${new URL(page.url()).pathname} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.beforeAll(async ({ baseURL }) => {
  // A 世田谷区 issuance reported failed: an issuance detail and an incident detail to open.
  const client = new KioskClient({ baseUrl: baseURL!, keyId: "demo-simulator", secret: "demo-simulator-secret-0123456789abcdef", clockOverride: "2026-11-27T01:00:00.000Z" });
  const body = { ...baseRequest(`JPKI-${SETAGAYA}-000001`, SETAGAYA), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-a11y-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  expect((await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" })).status).toBe(200);
});

/** Stands in for a dynamic segment the account cannot reach (its page forbids the role, or has no row for it). */
const ABSENT = "00000000-0000-4000-8000-000000000000";

/** The id at the end of the first link under `list` whose path starts with `prefix`, or ABSENT. */
async function firstId(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator(`main a[href^="${prefix}"]:not([href$="/new"])`).first().getAttribute("href", { timeout: 2_000 }).catch(() => null);
  return href?.split("?")[0].split("/").pop() ?? ABSENT;
}

// Between them these accounts see every page with data: the operator (all administration), 世田谷区's
// administrator (its staff, issuances and incidents), 松本市's auditor (本籍地 利用登録 applications).
for (const who of ["operator", "setagaya-admin", "matsumoto-auditor"]) {
  test(`every portal page passes axe (${who})`, async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    await signIn(page, testInfo, account(who));

    const segment: Record<string, string> = {
      "/issuances/[id]": await firstId(page, "/issuances", "/issuances/"),
      "/incidents/[id]": await firstId(page, "/incidents", "/incidents/"),
      "/municipalities/[code]": SETAGAYA,
      "/staff/[id]": await firstId(page, "/staff", "/staff/"),
      "/koseki-registrations/[id]": await firstId(page, "/koseki-registrations?filter=all", "/koseki-registrations/"),
    };
    if (who === "setagaya-admin") {
      for (const prefix of ["/issuances/[id]", "/incidents/[id]", "/staff/[id]"]) expect(segment[prefix], prefix).not.toBe(ABSENT);
    }
    if (who === "matsumoto-auditor") expect(segment["/koseki-registrations/[id]"]).not.toBe(ABSENT);

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
