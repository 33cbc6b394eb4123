import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { solidPng } from "../factories/png";

import { createE2eMunicipality } from "./helpers/fixtures";
import { account, signIn } from "./helpers/sign-in";

// Demo accounts come from the seed that `npm start` loads into the fresh e2e database (docs/demo-data.md);
// the sign-in helper also passes (or enrols) the TOTP step.
const OPERATOR = account("operator");
const CLERK = account("setagaya-clerk");


/** A free code with a correct check digit in the 99xxx range (no real municipality), and the same with a wrong one. */
function codes(): { valid: string; wrong: string } {
  const first5 = `98${String(Date.now() % 1000).padStart(3, "0")}`;
  const sum = [...first5].reduce((acc, d, i) => acc + Number(d) * [6, 5, 4, 3, 2][i], 0);
  const check = (11 - (sum % 11)) % 10;
  return { valid: first5 + check, wrong: first5 + ((check + 1) % 10) };
}

test("the operator registers a municipality, uploads its 公印 and sees it", async ({ page }, testInfo) => {
  await signIn(page, testInfo, OPERATOR);
  await page.goto("/municipalities");
  await expect(page.getByRole("heading", { name: "自治体の管理" })).toBeVisible();
  await expect(page.getByRole("link", { name: "世田谷区" })).toBeVisible();
  await expectAccessible(page, "operator-portal");

  await page.getByRole("link", { name: "自治体を登録する" }).click();
  await expect(page.getByRole("heading", { name: "自治体の登録" })).toBeVisible();
  await expectAccessible(page, "operator-portal");

  const { valid, wrong } = codes();
  await page.getByLabel("団体コード").fill(wrong);
  await page.getByRole("textbox", { name: /^自治体名\s*必須$/ }).fill("試験村");
  await page.getByLabel("自治体名（カナ）").fill("しけんむら");
  await page.getByLabel("都道府県").selectOption("長野県");
  await page.getByLabel("区分").selectOption("village");
  await page.getByLabel("市区町村長の職名").fill("試験村長");
  await page.getByLabel("市区町村長の氏名").fill("試験 一郎");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText("団体コードの検査数字が正しくありません。")).toBeVisible();
  await expect(page.getByLabel("団体コード")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("自治体名（カナ）は全角カタカナで入力してください。")).toBeVisible();
  await expectAccessible(page, "operator-portal");

  await page.getByLabel("団体コード").fill(valid);
  await page.getByLabel("自治体名（カナ）").fill("シケンムラ");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page).toHaveURL(new RegExp(`/municipalities/${valid}`));
  await expect(page.getByRole("heading", { name: "試験村", level: 1 })).toBeVisible();
  await expect(page.getByText("自治体を登録しました")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("準備中");
  await expect(page.getByText("公印の画像は未登録です。")).toBeVisible();
  await expectAccessible(page, "operator-portal");

  // Not a PNG: refused with a Japanese message.
  await page.getByLabel("公印の画像ファイル").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: Buffer.from("<html>not a png</html>") });
  await page.getByRole("button", { name: "公印をアップロードする" }).click();
  await expect(page.getByText("PNG形式の画像ファイルを選択してください。")).toBeVisible();

  await page.getByLabel("公印の画像ファイル").setInputFiles({ name: "seal.png", mimeType: "image/png", buffer: Buffer.from(solidPng(96)) });
  await page.getByRole("button", { name: "公印をアップロードする" }).click();
  await expect(page.getByText("公印の画像を登録しました。")).toBeVisible();
  const seal = page.getByRole("img", { name: "試験村の公印" });
  await expect(seal).toBeVisible();
  await expect.poll(() => seal.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);

  await page.getByLabel("状態", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "状態を変更する" }).click();
  await expect(page.getByText("状態を「稼働中」にしました。")).toBeVisible();
});

test("the operator creates an API client and sees its secret once", async ({ page }, testInfo) => {
  // The client is confined to a municipality of this spec's own (helpers/fixtures.ts).
  const target = await createE2eMunicipality();
  await signIn(page, testInfo, OPERATOR);
  await page.goto("/api-clients");
  await expect(page.getByRole("heading", { name: "APIクライアントの管理" })).toBeVisible();
  await expectAccessible(page, "operator-portal");

  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page.getByText("名称を入力してください。")).toBeVisible();
  await expect(page.getByText("権限を1つ以上選択してください。")).toBeVisible();

  const name = `e2eセンター${Date.now() % 100000}`;
  const create = page.getByRole("region", { name: "APIクライアントを作成する" });
  await create.getByLabel("名称").fill(name);
  await create.getByLabel("対象自治体").selectOption({ label: `${target.name}（${target.code}）` });
  // An import job's key: only the import scope.
  await create.getByLabel("住民データ等の取込").check();
  await create.getByRole("button", { name: "作成する" }).click();
  await expect(page.getByText("この秘密鍵はこの画面でしか表示されません")).toBeVisible();
  const secret = (await page.getByTestId("shown-secret").textContent())?.trim() ?? "";
  const keyId = (await page.getByTestId("shown-key-id").textContent())?.trim() ?? "";
  expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  expect(keyId).toMatch(/^centre-/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(keyId);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("住民データ等の取込");
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("証明書の交付（キオスク）");
  await expectAccessible(page, "operator-portal");

  // The scopes are changed afterwards on the same screen.
  await page.getByRole("button", { name: `${name}の権限を変更` }).click();
  const editor = page.getByRole("region", { name: `「${name}」の権限を変更する` });
  await editor.getByLabel("住民データ等の取込").uncheck();
  await editor.getByRole("button", { name: "保存する" }).click();
  await expect(editor.getByText("権限を1つ以上選択してください。")).toBeVisible();
  await editor.getByLabel("証明書の交付（キオスク）").check();
  await editor.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status").filter({ hasText: `「${name}」の権限を変更しました。` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("証明書の交付（キオスク）");
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("住民データ等の取込");
  await expectAccessible(page, "operator-portal");

  // Never again: not after a reload.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `${name}を失効` }).click();
  await expect(page.getByRole("button", { name: `${name}を失効` })).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("失効");
});

test("other roles are sent to the forbidden page and the seal of another municipality is not served", async ({ page }, testInfo) => {
  await signIn(page, testInfo, CLERK);
  for (const path of ["/municipalities", "/municipalities/new", "/municipalities/131121", "/api-clients"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden/);
  }
  const own = await page.request.get("/municipalities/131121/seal");
  expect([200, 404]).toContain(own.status());
  const other = await page.request.get("/municipalities/202029/seal");
  expect(other.status()).toBe(404);
  const upload = await page.request.post("/municipalities/131121/seal", { data: Buffer.from(solidPng(64)), headers: { "Content-Type": "image/png" } });
  expect(upload.status()).toBe(403);
});
