import { expectAccessible } from "./helpers/a11y";
import { expect, test, type Page } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { nonResidentWithKoseki } from "../factories/koseki-registration";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { signIn, type Account } from "./helpers/sign-in";

// 本籍地 利用登録: the public form → receipt → status page, and the 本籍地 clerk's review (approve one,
// reject one). The 本籍地 (a town), its clerk, and a resident of another municipality whose 戸籍 the town
// holds (川村 一郎, born 昭和55年4月1日) are this spec's own (helpers/fixtures.ts, tests/factories).
let TOWN: { id: string; code: string; name: string; prefecture: string };
let HOME: { id: string };
let CLERK: Account;

test.beforeAll(async () => {
  TOWN = await createE2eMunicipality({ koseki: true, kind: "町" });
  HOME = await createE2eMunicipality({ koseki: true });
  CLERK = await createE2eStaff(TOWN.id, "clerk");
});

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;


async function fillBirthDate(page: Page, calendar: string, y: string, m: string, d: string) {
  const group = page.getByRole("group", { name: /生年月日/ });
  await group.getByLabel("暦").selectOption({ label: calendar });
  await group.getByLabel("年", { exact: true }).fill(y);
  await group.getByLabel("月", { exact: true }).fill(m);
  await group.getByLabel("日", { exact: true }).fill(d);
}

type Applicant = { family: string; given: string; familyKana: string; givenKana: string; birth?: [string, string, string]; honsekiAddress?: string };

/** Fills and sends the public pre-registration form for the town; returns the receipt number shown. */
async function preRegister(page: Page, person: Applicant) {
  await page.goto("/koseki-registration");
  await page.getByLabel("本籍地の市区町村").selectOption(TOWN.code);
  await page.getByLabel("本籍（町名・番地）").fill(person.honsekiAddress ?? "中央一丁目1番地");
  await page.getByLabel("筆頭者の氏名").fill(`${person.family} ${person.given}`);
  await page.getByRole("textbox", { name: /^氏\s*必須$/ }).fill(person.family);
  await page.getByRole("textbox", { name: /^名\s*必須$/ }).fill(person.given);
  await page.getByLabel("氏（フリガナ）").fill(person.familyKana);
  await page.getByLabel("名（フリガナ）").fill(person.givenKana);
  await fillBirthDate(page, "昭和", ...(person.birth ?? ["60", "7", "15"]));
  await page.getByLabel("現住所").fill("東京都世田谷区太子堂一丁目1番1号");
  await page.getByLabel("メールアドレス").fill("e2e@example.jp");
  await page.getByLabel(/上記の内容に同意します/).check();
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByRole("heading", { name: "事前登録を受け付けました" })).toBeFocused();
  const receiptNo = ((await page.getByTestId("receipt-no").textContent()) ?? "").trim();
  expect(receiptNo).toMatch(RECEIPT);
  return receiptNo;
}

test("a resident pre-registers on the web, gets a receipt number and checks the status", async ({ page }) => {
  await page.goto("/koseki-registration");
  await expect(page.getByRole("heading", { level: 1, name: "本籍地の利用登録（事前登録）" })).toBeVisible();
  await expectAccessible(page, "koseki-registration");

  // Nothing filled: the errors are shown next to their fields, and nothing is sent.
  await page.getByRole("button", { name: "申請する" }).click();
  await expect(page.getByRole("textbox", { name: /^氏\s*必須$/ })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("氏を入力してください。")).toBeVisible();
  await expect(page.getByText("内容を確認のうえ、同意してください。")).toBeVisible();
  await page.getByLabel("氏（フリガナ）").fill("やまだ");
  await expect(page.getByText("氏（フリガナ）は全角カタカナで入力してください。")).toBeVisible();
  await expectAccessible(page, "koseki-registration");

  const receiptNo = await preRegister(page, { family: "山田", given: "花子", familyKana: "ヤマダ", givenKana: "ハナコ" });

  await page.getByRole("link", { name: "受付状況を確認する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "利用登録の受付状況の確認" })).toBeVisible();
  await expectAccessible(page, "koseki-registration");
  await page.getByLabel("受付番号").fill(receiptNo.toLowerCase());
  await fillBirthDate(page, "西暦", "1985", "7", "16");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "確認できませんでした" })).toContainText("受付番号と生年月日に一致する申請が見つかりません");

  await fillBirthDate(page, "西暦", "1985", "7", "15"); // 昭和60年7月15日
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByTestId("registration-status")).toHaveText("カードによる申請待ち");
  await expect(page.getByText(`${TOWN.prefecture}${TOWN.name}`)).toBeVisible();
  await expectAccessible(page, "koseki-registration");
});

test("the 本籍地 clerk approves a kiosk application matched against the 戸籍 and rejects a pre-registration", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  // 川村 一郎 pre-registers on the web, then completes it at a kiosk with his card.
  const person = await factories(() => nonResidentWithKoseki(HOME, TOWN));
  const preReceipt = await preRegister(page, { family: "川村", given: "一郎", familyKana: "カワムラ", givenKana: "イチロウ", birth: ["55", "4", "1"], honsekiAddress: "本町七番地" });
  const client = await createE2eKioskClient(baseURL!, null);
  const { purpose: _purpose, ...base } = baseRequest(person.card.serial, TOWN.code);
  const applied = await client.post<{ receiptNo: string; preRegistrationLinked: boolean }>("/koseki-registrations", { ...base, preRegistrationReceiptNo: preReceipt, consent: true });
  expect(applied.status, applied.raw.slice(0, 300)).toBe(200);
  expect(applied.body.preRegistrationLinked).toBe(true);
  const kioskReceipt = applied.body.receiptNo;
  const webReceipt = await preRegister(page, { family: "佐藤", given: "次郎", familyKana: "サトウ", givenKana: "ジロウ" });

  await signIn(page, testInfo, CLERK);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "利用登録の審査" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "本籍地の利用登録の審査" })).toBeVisible();
  await expectAccessible(page, "koseki-registration");

  // Approve: the candidate that matches on every field is preselected.
  await page.getByRole("link", { name: kioskReceipt }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(kioskReceipt) })).toBeVisible();
  await expect(page.getByText("すべて一致").first()).toBeVisible();
  await expectAccessible(page, "koseki-registration");
  await page.getByRole("button", { name: "承認する" }).click();
  await expect(page.locator("p", { hasText: "状態：" })).toContainText("登録済み");
  await expect(page.getByRole("button", { name: "承認する" })).toHaveCount(0);

  // Reject: the web pre-registration (no card yet) from the queue's pre-registration tab.
  await page.goto("/koseki-registrations?filter=awaiting_card");
  await page.getByRole("link", { name: webReceipt }).click();
  await page.getByRole("button", { name: "不承認にする" }).click();
  await expect(page.getByText("理由を選択してください。")).toBeVisible();
  await page.getByLabel("理由").selectOption("record_not_found");
  await page.getByRole("button", { name: "不承認にする" }).click();
  await expect(page.locator("p", { hasText: "状態：" })).toContainText("登録できませんでした");
  await expect(page.getByText(/登録不可のお知らせ：送信待ち/)).toBeVisible();
  await expectAccessible(page, "koseki-registration");

  // The registration no longer stands in the way of the town's 戸籍 for this card (service hours may still).
  const eligibility = await client.post<{ certificates: Array<{ available: boolean; reason?: string }> }>("/eligibility", baseRequest(person.card.serial, TOWN.code, "honseki"));
  expect(eligibility.status).toBe(200);
  expect(eligibility.body.certificates.map((c) => c.reason ?? "available").filter((r) => r.startsWith("koseki_registration"))).toEqual([]);
});
