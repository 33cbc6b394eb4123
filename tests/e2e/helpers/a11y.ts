import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The accessibility check every screen spec makes: axe on the page as shown, failing on serious or critical
// violations only, each named with the screen it was found on.

/** No serious or critical axe violation on the screen shown. */
export async function expectAccessible(page: Page, screen: string) {
  // KIOSK_SCREENSHOT_DIR=/tmp/kiosk keeps a picture of every checked screen (to review the layout).
  const dir = process.env.KIOSK_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${test.info().title.slice(0, 12)}-${screen.replace(/\W+/g, "-")}.png`, fullPage: true });
  // The printout iframe holds a PDF (Chromium's viewer), not our markup.
  const results = await new AxeBuilder({ page }).exclude('iframe[title="印刷された証明書"]').analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${screen}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
