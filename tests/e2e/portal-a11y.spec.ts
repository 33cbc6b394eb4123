import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { account, signIn } from "./helpers/sign-in";

// An axe check of every portal page, for the operator and for a municipal administrator (between them every
// screen), including the detail pages reached from each list. Add a path here when a page lands. Pages that
// only appear after an action (a new API client's secret, a temporary password) are checked in their specs.

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The first detail link in a list page's table, if the list has rows. */
async function firstDetailPath(page: Page, list: string, pattern: RegExp): Promise<string | null> {
  await page.goto(list);
  const hrefs = await page.getByRole("main").locator("table a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

const SERVICE = ["/service", "/service/offerings", "/service/fees", "/service/hours", "/service/stops", "/service/emergency", "/service/calendar"];
const COMMON = ["/dashboard", "/issuances", "/incidents", ...SERVICE, "/preview", "/audit", "/account", "/account/password", "/account/mfa", "/forbidden"];

const cases = [
  {
    who: "operator",
    acc: account("operator"),
    paths: [...COMMON, "/imports", "/municipalities", "/municipalities/new", "/municipalities/131121", "/api-clients", "/staff", "/staff/new"],
  },
  { who: "municipal admin", acc: account("setagaya-admin"), paths: [...COMMON, "/imports", "/staff", "/staff/new"] },
];

for (const { who, acc, paths } of cases) {
  test(`every portal page passes axe (${who})`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signIn(page, testInfo, acc);
    const details = [
      await firstDetailPath(page, "/staff", /^\/staff\/[0-9a-f-]{36}$/),
      await firstDetailPath(page, "/issuances", /^\/issuances\/[^/?]+$/),
      await firstDetailPath(page, "/incidents", /^\/incidents\/[^/?]+$/),
    ].filter((p): p is string => p !== null);
    expect(details.some((p) => p.startsWith("/staff/"))).toBe(true);

    const problems: string[] = [];
    for (const path of [...paths, ...details]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(400);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      problems.push(...(await seriousViolations(page)));
    }
    expect(problems).toEqual([]);
  });
}
