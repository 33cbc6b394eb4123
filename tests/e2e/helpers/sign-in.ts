import fs from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_TOTP_SECRETS } from "../../../prisma/seed-data/service-config";
import { base32Decode, hotp, TOTP_STEP_SECONDS, TOTP_WINDOW, totpStep } from "../../../server/auth/totp";

// Signs an account in through both steps. Every account needs TOTP MFA. The demo accounts are enrolled by the
// seed with their published secrets (docs/demo-data.md, as `npm run demo:code` uses them); an account a spec
// creates (helpers/fixtures.ts) has none, so its first sign-in in a run enrols (reading the key shown on the
// enrolment page) and later sign-ins enter a code computed from that key. Those keys, and the last step used
// by every account, are kept under the run's output directory, which Playwright empties at the start of each
// run — as the e2e server starts from a fresh database.

export type Account = { loginId: string; password: string };
export const account = (loginId: string): Account => ({ loginId, password: DEMO_PASSWORD });

function secretFile(testInfo: TestInfo, loginId: string): string {
  return path.join(testInfo.project.outputDir, ".mfa-secrets", `${loginId}.txt`);
}

/** The account's TOTP key: a demo account's published one, or the one enrolled earlier in this run. */
export function knownSecret(testInfo: TestInfo, loginId: string): string | null {
  if (Object.hasOwn(DEMO_TOTP_SECRETS, loginId)) return DEMO_TOTP_SECRETS[loginId];
  const file = secretFile(testInfo, loginId);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
}

function rememberSecret(testInfo: TestInfo, loginId: string, secret: string): void {
  const file = secretFile(testInfo, loginId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret);
}

function lastStepFile(testInfo: TestInfo, loginId: string): string {
  return path.join(testInfo.project.outputDir, ".mfa-secrets", `${loginId}.last-step`);
}

/**
 * A code the server has not accepted yet. The server takes each time step once (StaffUser.lastTotpStep), and
 * an account may enter codes several times within 30 s here (enrol, then sign in again): use the first step
 * after the last one used, up to TOTP_WINDOW steps ahead (the server accepts those), else wait for the next
 * step. Playwright runs one worker (playwright.config.ts), so a file per account is enough to remember it.
 */
export async function freshTotpCode(testInfo: TestInfo, loginId: string, secret: string): Promise<string> {
  const file = lastStepFile(testInfo, loginId);
  const last = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : -1;
  for (;;) {
    const nowMs = Date.now();
    const current = totpStep(nowMs / 1000);
    const step = Math.max(current, last + 1);
    // A step up to TOTP_WINDOW ahead stays accepted for at least one more full step: no margin needed.
    if (step <= current + TOTP_WINDOW) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, String(step));
      return hotp(base32Decode(secret), step);
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * TOTP_STEP_SECONDS * 1000 - nowMs + 50));
  }
}

/** Only the password step; the page is then on /login/mfa or /account/mfa. */
export async function signInPassword(page: Page, acc: Account): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("ログインID").fill(acc.loginId);
  await page.getByLabel("パスワード").fill(acc.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  // /login/mfa redirects an account without MFA on to /account/mfa: wait for the page that stays.
  await expect(page.getByRole("heading", { level: 1, name: /^2段階認証(の設定)?$/ })).toBeVisible();
  await expect(page).toHaveURL(/\/(login|account)\/mfa/);
}

/**
 * On /account/mfa: enrols, remembers the key, returns the recovery codes; the page ends on /dashboard (or on
 * `expectUrl`, e.g. the forced password change of an account with an initial or temporary password).
 */
export async function completeEnrolment(page: Page, testInfo: TestInfo, loginId: string, expectUrl: RegExp = /\/dashboard/): Promise<string[]> {
  await page.getByRole("button", { name: "設定を開始する" }).click();
  const secretEl = page.getByTestId("totp-secret");
  await expect(secretEl).toBeVisible();
  // The QR code of the otpauth URI, with a text alternative, next to the key for manual entry.
  const qr = page.getByRole("img", { name: /QRコード/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  const secret = (await secretEl.getAttribute("data-secret")) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  rememberSecret(testInfo, loginId, secret);
  await page.getByRole("textbox", { name: /^確認コード/ }).fill(await freshTotpCode(testInfo, loginId, secret));
  await page.getByRole("button", { name: "設定を完了する" }).click();
  const items = page.getByRole("list", { name: "リカバリーコード" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const codes = await items.allTextContents();
  await page.getByRole("button", { name: "控えました。ポータルへ進む" }).click();
  await expect(page).toHaveURL(expectUrl);
  return codes;
}

/** On /login/mfa: enters the current code of the remembered key; the page ends on `expectUrl`. */
export async function completeTotpStep(page: Page, testInfo: TestInfo, loginId: string, expectUrl: RegExp = /\/dashboard/): Promise<void> {
  const secret = knownSecret(testInfo, loginId);
  if (!secret) throw new Error(`no TOTP key remembered for ${loginId} in this run`);
  await page.getByRole("textbox", { name: /^確認コード/ }).fill(await freshTotpCode(testInfo, loginId, secret));
  await page.getByRole("button", { name: "確認", exact: true }).click();
  await expect(page).toHaveURL(expectUrl);
}

/**
 * Signs an account in through both steps (a spec's own account enrols on first use) and lands on /dashboard.
 * /login/mfa redirects an unenrolled account to /account/mfa, so wait for one of the two pages' controls rather
 * than judging by the URL mid-redirect.
 */
export async function signIn(page: Page, testInfo: TestInfo, acc: Account): Promise<void> {
  await signInPassword(page, acc);
  const enrol = page.getByRole("button", { name: "設定を開始する" });
  const verify = page.getByRole("button", { name: "確認", exact: true });
  await expect(enrol.or(verify)).toBeVisible();
  if (await enrol.isVisible()) await completeEnrolment(page, testInfo, acc.loginId);
  else await completeTotpStep(page, testInfo, acc.loginId);
}
