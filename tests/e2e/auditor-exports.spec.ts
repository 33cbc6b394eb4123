import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createApiClient, createCardholder } from "../factories/issuance";
import { createIssuanceRow } from "../factories/issuance-row";
import { ownerDb } from "../setup/owner-db";
import { createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { expectAccessible } from "./helpers/a11y";
import { signIn, type Account } from "./helpers/sign-in";

// The auditors' exports (issue 22, item 7): an auditor of the spec's own municipality downloads the audit log as
// CSV from the audit screen and the incident report (PDF and CSV) from the incident's detail; each download is
// in the audit log afterwards.
let MUNICIPALITY: { id: string; code: string };
let AUDITOR: Account;
let INCIDENT_ID: string;
let ISSUANCE_NO: string;

test.beforeAll(async () => {
  MUNICIPALITY = await createE2eMunicipality();
  AUDITOR = await createE2eStaff(MUNICIPALITY.id, "auditor");
  const { incident, issuance } = await factories(async () => {
    const holder = await createCardholder(MUNICIPALITY.id);
    const { client } = await createApiClient({ municipalityId: null });
    const issuance = await createIssuanceRow({ m: MUNICIPALITY, holder, client }, { options: { members: "all", includeHonseki: true } });
    const incident = await ownerDb().incident.create({ data: { municipalityId: MUNICIPALITY.id, kind: "centre_error", severity: "high", summary: "印刷の誤り（試験）", issuanceId: issuance.id } });
    return { incident, issuance };
  });
  INCIDENT_ID = incident.id;
  ISSUANCE_NO = issuance.issuanceNo;
});

test("an auditor downloads the audit log as CSV and the incident report as PDF and CSV; each download is audited", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, testInfo, AUDITOR);

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "記録のダウンロード（CSV）" })).toBeVisible();
  await expectAccessible(page, "audit log with the export form");

  // A reversed period is refused in the browser, with the message tied to the field.
  const to = page.getByRole("group", { name: /^記録の日（終了）/ });
  const toYear = to.getByLabel("年", { exact: true });
  await toYear.selectOption(String(Number(await toYear.inputValue()) - 1));
  await page.getByRole("button", { name: "監査記録をCSVで出力" }).click();
  await expect(page.getByText("終了日は開始日以降の日付を入力してください。")).toBeVisible();
  await expectAccessible(page, "audit export form with an error");

  await page.reload();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "監査記録をCSVで出力" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^監査記録_${MUNICIPALITY.code}_\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe('"系列","連番","日時","日時（ISO 8601）","自治体ID","操作者の種別","操作者の種別（コード）","操作者ID","操作者","操作","対象の種別","対象ID","詳細","前のハッシュ値","ハッシュ値"');

  await page.goto(`/incidents/${INCIDENT_ID}`);
  await expect(page.getByRole("heading", { name: "報告書のダウンロード" })).toBeVisible();
  await expectAccessible(page, "incident detail with the report downloads");

  const pdfDownloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "報告書（PDF）" }).click();
  const pdf = await pdfDownloading;
  expect(pdf.suggestedFilename()).toMatch(/^インシデント報告書_\d{6}_[0-9a-f]{8}\.pdf$/);
  expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const csvDownloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "報告書（CSV・UTF-8）" }).click();
  const csv = fs.readFileSync((await (await csvDownloading).path())!).subarray(3).toString("utf8");
  const line = csv.split("\r\n").find((l) => l.startsWith(`"発行記録","${ISSUANCE_NO}"`));
  expect(line).toContain('"住民票の写し"');
  expect(line).toContain("本籍");

  // The downloads are in the audit log.
  await page.goto("/audit?action=export.");
  const table = page.getByRole("table", { name: "監査記録（新しい順）" });
  await expect(table.getByRole("row").filter({ hasText: "export.incident_report" })).toHaveCount(2);
  await expect(table.getByRole("row").filter({ hasText: "export.audit_log" })).toHaveCount(1);
});
