import { expect, test, type Page, type Response } from "@playwright/test";
import { baseRequest, KioskClient } from "../../scripts/kiosk/client";
import { setClock } from "./helpers/kiosk";
import { account, signIn } from "./helpers/sign-in";

// The security headers as a browser meets them (docs/security.md): every page carries a Content-Security-Policy
// with a fresh nonce, every <script> the server sends carries that nonce, and the pages still work — sign-in,
// the charts, the PDF preview, the public form, the simulator's printout — without one CSP violation. The e2e
// server runs over http (NEXTAUTH_URL http://localhost), so there is no HSTS here; proxy.test.ts covers https.

const ADMIN = account("setagaya-admin");

/** Collects CSP violations (the DOM event, in every frame) and the console's CSP / Permissions-Policy reports. */
async function watchPolicyProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, v: string) => void problems.push(`securitypolicyviolation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation?: (v: string) => void }).__reportCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.documentURI} (${e.sample})`);
    });
  });
  page.on("console", (m) => {
    if (/content security policy|permissions[- ]policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return problems;
}

function directive(csp: string, name: string): string {
  return csp.split(";").map((d) => d.trim()).find((d) => d === name || d.startsWith(`${name} `)) ?? "";
}

/** The page's CSP has a nonce, no 'unsafe-inline' scripts, and every script tag in the HTML carries the nonce. */
async function expectNonceCsp(response: Response | null): Promise<string> {
  expect(response, "navigation response").not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = directive(csp, "script-src");
  const nonce = /'nonce-([A-Za-z0-9+/_=-]{16,})'/.exec(scriptSrc)?.[1] ?? "";
  expect(nonce, `a nonce in script-src of ${response!.url()}: ${csp}`).not.toBe("");
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(directive(csp, "object-src")).toBe("object-src 'none'");
  expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined();
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((t) => !t.includes(` nonce="${nonce}"`))).toEqual([]);
  return nonce;
}

// A month no other spec issues in: one printed 住民票 of 世田谷区, so the statistics page draws its charts.
const CHART_CLOCK = "2026-08-20T01:00:00.000Z";

async function printOneIssuance(baseURL: string) {
  const client = new KioskClient({ baseUrl: baseURL, keyId: "demo-simulator", secret: "demo-simulator-secret-0123456789abcdef", clockOverride: CHART_CLOCK });
  const body = {
    ...baseRequest("JPKI-131121-000001", "131121"),
    terminal: { storeChain: "lawson", storeCode: "E2E-CSP1", terminalId: "C1" },
    certificateType: "residence",
    copies: 1,
    options: { members: "all", includeHouseholdHeadAndRelationship: false, includeHonseki: false, includeMyNumber: false, includeForeignResidentItems: false },
  };
  const issued = await client.post<{ issuanceId: string }>("/issuances", body, { idempotencyKey: `e2e-csp-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "printed" });
  expect(done.status, done.raw).toBe(200);
}

test("the sign-in page has a fresh nonce per request, and a staff member signs in and uses the charts and the PDF preview", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  await printOneIssuance(baseURL!);
  const problems = await watchPolicyProblems(page);
  const first = await expectNonceCsp(await page.goto("/login"));
  const second = await expectNonceCsp(await page.goto("/login"));
  expect(second).not.toBe(first);

  await signIn(page, testInfo, ADMIN);
  await expect(page).toHaveURL(/\/dashboard/);
  await expectNonceCsp(await page.goto("/dashboard"));
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();

  await expectNonceCsp(await page.goto("/statistics?month=2026-08"));
  await expect(page.getByRole("heading", { level: 1, name: "利用統計" })).toBeVisible();
  // The charts are drawn in the browser (recharts styles its SVG from script, which the policy allows).
  await expect(page.locator("[aria-hidden=true] svg.recharts-surface").first()).toBeVisible();

  await expectNonceCsp(await page.goto("/preview"));
  const pdf = page.locator("iframe").first();
  await expect(pdf).toBeVisible();
  const src = await pdf.getAttribute("src");
  // The preview PDF may be framed by the portal itself, and only by it.
  const pdfResponse = await page.request.get(src!);
  expect(pdfResponse.status()).toBe(200);
  expect(directive(pdfResponse.headers()["content-security-policy"] ?? "", "frame-ancestors")).toBe("frame-ancestors 'self'");
  expect(pdfResponse.headers()["x-frame-options"]).toBe("SAMEORIGIN");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(problems).toEqual([]);
});

test("the public pre-registration form and the status page", async ({ page }) => {
  const problems = await watchPolicyProblems(page);
  await expectNonceCsp(await page.goto("/koseki-registration"));
  await expect(page.getByRole("heading", { level: 1, name: "本籍地の利用登録（事前登録）" })).toBeVisible();
  // Client-side validation runs only if the page's scripts were allowed to run.
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByText("氏を入力してください。")).toBeVisible();

  await expectNonceCsp(await page.goto("/koseki-registration/status"));
  await expect(page.getByRole("heading", { level: 1, name: "利用登録の受付状況の確認" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("the kiosk simulator prints a certificate into its PDF frame", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchPolicyProblems(page);
  await expectNonceCsp(await page.goto("/kiosk"));
  const heading = (name: string) => page.getByRole("heading", { level: 2, name });
  await expect(heading("サービスを選んでください")).toBeVisible();

  await setClock(page, "2026-11-27T10:00");
  await page.getByRole("button", { name: /^行政サービス/ }).click();
  await page.getByRole("button", { name: /お住まいの市区町村の証明書/ }).click();
  await page.getByRole("button", { name: /長谷川 拓也/ }).click();
  const keypad = page.getByRole("group", { name: "テンキー" });
  for (const digit of "1234") await keypad.getByRole("button", { name: digit, exact: true }).click();
  await keypad.getByRole("button", { name: "確認" }).click();
  await page.getByRole("button", { name: /住民票の写し/ }).click();
  await expect(heading("住民票の写しの記載内容を選んでください")).toBeVisible();
  await page.getByRole("radio", { name: "一部の人" }).check();
  await page.getByRole("group", { name: "記載する方を選んでください" }).getByRole("checkbox").nth(0).check();
  await page.getByRole("group", { name: "世帯主・続柄" }).getByRole("radio", { name: "なし" }).check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(heading("部数を選んでください")).toBeVisible();
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByRole("button", { name: "発行する" }).click();
  await expect(heading("お支払い")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "支払って印刷する" }).click();
  await expect(heading("証明書を印刷しました")).toBeVisible();
  await expect(page.locator('iframe[title="印刷された証明書"]')).toBeVisible();
  expect(problems).toEqual([]);
});

test("the API page", async ({ page }) => {
  const problems = await watchPolicyProblems(page);
  await expectNonceCsp(await page.goto("/api-docs"));
  await expect(page.getByRole("main")).toContainText("/api/kiosk/v1/issuances");
  expect(problems).toEqual([]);
});

test("API responses are not documents: no scripts, no framing, no sniffing", async ({ request }) => {
  for (const path of ["/api/kiosk/v1/openapi.json", "/api/healthz", "/api/kiosk/v1/eligibility"]) {
    const res = await request.get(path);
    const headers = res.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(directive(csp, "default-src"), path).toBe("default-src 'none'");
    expect(directive(csp, "frame-ancestors"), path).toBe("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});
