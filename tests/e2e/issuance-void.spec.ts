import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { ownerDb } from "../setup/owner-db";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { expectAccessible } from "./helpers/a11y";
import { OPEN_HOURS } from "./helpers/kiosk";
import { signIn, type Account } from "./helpers/sign-in";

// The void (無効) of a printed certificate by the municipality's administrator (docs/decisions/0012): from the
// issuance's detail screen, then the issuance log's 無効 filter and the recall export. The spec's own
// municipality, administrator and cardholder (helpers/fixtures.ts); the certificate is issued and printed through
// the signed kiosk API.
let MUNICIPALITY: { id: string; code: string };
let ADMIN: Account;
let CARD_SERIAL: string;
let ADDRESS: string;

test.beforeAll(async () => {
  MUNICIPALITY = await createE2eMunicipality();
  ADMIN = await createE2eStaff(MUNICIPALITY.id, "municipal_admin");
  const holder = await factories(() => createCardholder(MUNICIPALITY.id, { resident: { familyName: "回収", givenName: "試験" } }));
  CARD_SERIAL = holder.card.serial;
  ADDRESS = (await factories(() => ownerDb().household.findUniqueOrThrow({ where: { id: holder.head.householdId } }))).address;
});

/** A 住民票 for the cardholder, printed and paid: an issuance that can be voided. */
async function printedIssuance(baseURL: string): Promise<{ issuanceId: string; issuanceNo: string }> {
  const client = await createE2eKioskClient(baseURL, MUNICIPALITY.id, new Date(`${OPEN_HOURS}:00+09:00`).toISOString());
  const body = { ...baseRequest(CARD_SERIAL, MUNICIPALITY.code), certificateType: "residence", copies: 1, options: { members: "all" } };
  const issued = await client.post<{ issuanceId: string; issuanceNo: string }>("/issuances", body, { idempotencyKey: `e2e-void-${crypto.randomUUID()}` });
  expect(issued.status, issued.raw.slice(0, 300)).toBe(200);
  const done = await client.post(`/issuances/${issued.body.issuanceId}/completion`, { outcome: "printed" });
  expect(done.status, done.raw.slice(0, 300)).toBe(200);
  return issued.body;
}

test("a municipal administrator voids a printed certificate, finds it 無効 in the log, and downloads the recall list", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const { issuanceId, issuanceNo } = await printedIssuance(baseURL!);

  await signIn(page, testInfo, ADMIN);
  await page.goto(`/issuances/${issuanceId}`);
  await expect(page.getByRole("heading", { name: "発行記録の詳細", level: 1 })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText("この証明書は有効です。");
  await expect(main).toContainText("無効にすると取り消せません");
  await expectAccessible(page, "issuance detail");

  // The form insists on a reason, text for その他, and the confirmation that a void is final.
  const submit = page.getByRole("button", { name: "この証明書を無効にする" });
  await submit.click();
  await expect(page.getByText("無効にする理由を選んでください。")).toBeVisible();
  await expect(page.getByText("無効にすると取り消せないことを確認してください。")).toBeVisible();
  await page.getByLabel("無効にする理由").selectOption("other");
  await page.getByLabel("無効にすると取り消せないことを確認しました").check();
  await submit.click();
  await expect(page.getByText("「その他」の場合は理由の内容を入力してください。")).toBeVisible();
  await expect(page.getByLabel(/^理由の内容/)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "issuance detail with errors");
  await page.getByLabel(/^理由の内容/).fill("記載事項の誤りのため回収");
  await submit.click();

  await expect(page.getByRole("status").filter({ hasText: "この証明書を無効にしました。" })).toBeVisible();
  const record = page.getByRole("region", { name: "無効の記録" });
  await expect(record).toContainText("無効にした日時");
  await expect(record).toContainText("その他");
  await expect(record).toContainText("記載事項の誤りのため回収");
  await expect(record).toContainText("無効は取り消せません");
  await expect(submit).toHaveCount(0);
  await expectAccessible(page, "voided issuance detail");

  // The log: the 無効 filter finds it, with its badge; the valid filter does not.
  await page.goto("/issuances");
  await page.getByLabel("発行番号").fill(issuanceNo);
  await page.getByLabel("有効・無効").selectOption("void");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/validity=void/);
  const row = page.getByRole("row").filter({ hasText: issuanceNo });
  await expect(row).toContainText("無効");
  await expectAccessible(page, "issuance log, void filter");
  await page.goto(`/issuances?issuanceNo=${issuanceNo}&validity=valid`);
  await expect(page.getByText("条件に合う発行記録はありません。")).toBeVisible();

  // The recall list: this month up to today by default (the void happened today), UTF-8 with a BOM.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "CSVをダウンロード" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^無効証明書の回収一覧_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  const line = text.split("\r\n").find((l) => l.startsWith(`"${issuanceNo}"`));
  expect(line).toBeDefined();
  expect(line).toContain('"その他","記載事項の誤りのため回収","回収 試験"');
  expect(line).toContain(`"${ADDRESS}"`);
});

test("from an incident, the administrator lists a second issuance by its number and voids both at once", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const first = await printedIssuance(baseURL!);
  const second = await printedIssuance(baseURL!);
  const incident = await factories(() =>
    ownerDb().incident.create({ data: { municipalityId: MUNICIPALITY.id, kind: "other", severity: "high", summary: "e2e 誤交付の疑い", issuanceId: first.issuanceId } }),
  );

  await signIn(page, testInfo, ADMIN);
  await page.goto(`/incidents/${incident.id}`);
  const affected = page.getByRole("region", { name: "影響を受けた発行記録" });
  await expect(affected.getByRole("row").filter({ hasText: first.issuanceNo })).toContainText("インシデントの発行");
  await expectAccessible(page, "incident detail");

  await affected.getByRole("textbox", { name: /^発行番号/ }).fill(`${second.issuanceNo}\n${MUNICIPALITY.code}-2026-99999998`);
  await affected.getByRole("button", { name: "一覧に追加する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "この自治体の発行記録にない発行番号があります" })).toBeVisible();
  await affected.getByRole("textbox", { name: /^発行番号/ }).fill(second.issuanceNo);
  await affected.getByRole("button", { name: "一覧に追加する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1件を追加しました。" })).toBeVisible();
  await expect(affected.getByRole("row").filter({ hasText: second.issuanceNo })).toContainText("職員が追加");

  await affected.getByLabel("無効にする理由").selectOption("misissued");
  await affected.getByLabel("無効にすると取り消せないことを確認しました").check();
  await affected.getByRole("button", { name: "無効でない証明書をすべて無効にする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2件の証明書を無効にしました。" })).toBeVisible();
  for (const i of [first, second]) await expect(affected.getByRole("row").filter({ hasText: i.issuanceNo })).toContainText("誤交付");
  await expect(affected.getByRole("button", { name: "無効でない証明書をすべて無効にする" })).toHaveCount(0);
  await expectAccessible(page, "incident detail after the void");
});
