import crypto from "node:crypto";
import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { dateGroup, datePart } from "./helpers/date-fields";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { signIn, type Account } from "./helpers/sign-in";

// A municipality of this spec's own with a cardholder, a kiosk key, a clerk and an auditor (helpers/fixtures.ts):
// the incident acknowledged and closed here is of its own issuance.
let MUNICIPALITY: { id: string; code: string };
let CLERK: Account;
let AUDITOR: Account;
let CARD_SERIAL: string;

test.beforeAll(async () => {
  MUNICIPALITY = await createE2eMunicipality();
  CLERK = await createE2eStaff(MUNICIPALITY.id, "clerk");
  AUDITOR = await createE2eStaff(MUNICIPALITY.id, "auditor");
  CARD_SERIAL = (await factories(() => createCardholder(MUNICIPALITY.id))).card.serial;
});


/** A residence certificate for the cardholder, reported back as failed: an issuance and an incident. */
async function failedIssuance(baseURL: string): Promise<string> {
  const client = await createE2eKioskClient(baseURL, MUNICIPALITY.id, "2026-11-27T01:00:00.000Z");
  const body = { ...baseRequest(CARD_SERIAL, MUNICIPALITY.code), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-logs-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "failed", reason: "printer_error" });
  expect(done.status, done.raw.slice(0, 300)).toBe(200);
  return issued.body.issuanceNo;
}

test("a clerk searches the issuance log, opens a detail, and acknowledges and closes the incident; the auditor sees the verified audit log", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const issuanceNo = await failedIssuance(baseURL!);

  await signIn(page, testInfo, CLERK);
  await page.goto("/issuances");
  await expect(page.getByRole("heading", { name: "発行履歴", level: 1 })).toBeVisible();
  await expectAccessible(page, "logs-and-incidents");

  await page.getByLabel("発行番号").fill(issuanceNo.slice(0, 12));
  await page.getByLabel("状態").selectOption("failed");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await page.getByRole("link", { name: issuanceNo }).click();

  await expect(page.getByRole("heading", { name: "発行記録の詳細" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText(issuanceNo);
  await expect(main).toContainText("印刷失敗");
  await expect(main).toContainText("printer_error");
  await expect(main).not.toContainText("権限により非表示");
  await expectAccessible(page, "logs-and-incidents");

  // A bad date range is refused with a message tied to the field.
  await page.goto("/issuances?from=2026-11-28&to=2026-11-27");
  await expect(page.getByText("終了日は開始日以降の日付を入力してください。")).toBeVisible();
  const to = datePart(dateGroup(page, "作成日（終了）"), "日");
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription(/終了日は開始日以降の日付を入力してください。/);

  await page.goto("/incidents?status=open");
  await expect(page.getByRole("heading", { name: "インシデント", level: 1 })).toBeVisible();
  await expectAccessible(page, "logs-and-incidents");
  await page.getByRole("row").filter({ hasText: issuanceNo }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "インシデントの詳細" })).toBeVisible();
  await expectAccessible(page, "logs-and-incidents");

  await page.getByRole("button", { name: "対応中にする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "インシデントを対応中にしました。" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("対応中");
  await expect(page.getByRole("button", { name: "対応中にする" })).toHaveCount(0);

  await page.getByRole("button", { name: "クローズする" }).click();
  await expect(page.getByText("クローズの理由を入力してください。")).toBeVisible();
  await expect(page.getByLabel("クローズの理由")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("クローズの理由").fill("店舗のプリンター故障。交付センターで復旧を確認した。");
  await page.getByRole("button", { name: "クローズする" }).click();
  await expect(page.getByRole("main")).toContainText("店舗のプリンター故障。交付センターで復旧を確認した。");
  await expect(page.getByRole("button", { name: "クローズする" })).toHaveCount(0);

  // Clerks have no audit log.
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/forbidden/);

  await page.goto("/dashboard");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, testInfo, AUDITOR);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "監査記録", level: 1 })).toBeVisible();
  await expect(page.getByText("検証OK")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("incident.close");
  await expectAccessible(page, "logs-and-incidents");

  // The auditor sees the issuance without the requester's name.
  await page.goto(`/issuances?issuanceNo=${issuanceNo}`);
  await page.getByRole("link", { name: issuanceNo }).click();
  await expect(page.getByRole("main")).toContainText("（権限により非表示）");
});
