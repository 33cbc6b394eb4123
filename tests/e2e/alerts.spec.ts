import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { createAlert } from "../factories/alerts";
import { createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { signIn } from "./helpers/sign-in";

// Alerts (docs/decisions/0016): the municipal administrator sets the recipients and a webhook, gets its signing
// secret once, and reads what was sent and what failed; a clerk reads the log without the settings. The
// municipality, its staff and its alerts are this spec's own (helpers/fixtures.ts).


test("the administrator sets the alert recipients and a webhook, and the log shows each delivery's status", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const municipality = await createE2eMunicipality();
  const admin = await createE2eStaff(municipality.id, "municipal_admin");
  const clerk = await createE2eStaff(municipality.id, "clerk");
  await factories(() =>
    createAlert(municipality.id, "import_failed", { importJobId: "0193a000-0000-7000-8000-000000000001", feed: "residents", mode: "full", rowsTotal: 120, errorCount: 2, errorCode: null }, [
      { channel: "email", target: "joho@e2e.example.jp", status: "sent", attempts: 1 },
      { channel: "webhook", target: "https://hooks.e2e.example.jp/konbini", status: "failed", attempts: 6, lastError: "http_500" },
    ]),
  );

  await signIn(page, testInfo, admin);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "アラート" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "アラート" })).toBeVisible({ timeout: 30_000 });
  const log = page.getByRole("region", { name: "アラートの表" });
  await expect(log.getByRole("rowheader", { name: "データ取込の失敗" })).toBeVisible();
  await expect(log).toContainText("送信済み");
  await expect(log).toContainText("失敗（6回、http_500）");
  await expect(log).toContainText("https://hooks.e2e.example.jp");
  await expectAccessible(page, "alerts");

  // A malformed address is shown at its field before anything is sent.
  await page.getByLabel("メールの宛先").fill("joho@e2e.example.jp\nnot-an-address");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("メールアドレスの形式ではありません: not-an-address")).toBeVisible();
  await expectAccessible(page, "alerts");

  await page.getByLabel("メールの宛先").fill("joho@e2e.example.jp\nshimin@e2e.example.jp");
  await page.getByLabel("WebhookのURL（任意）").fill("https://hooks.e2e.example.jp/konbini");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("Webhookの署名用秘密鍵を発行しました")).toBeVisible();
  await expect(page.getByTestId("shown-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(`alerts-${municipality.code}`).first()).toBeVisible();
  await expectAccessible(page, "alerts");

  // Shown once: after a reload the settings keep the addresses and offer a rotation, not the secret.
  await page.reload();
  await expect(page.getByLabel("メールの宛先")).toHaveValue("joho@e2e.example.jp\nshimin@e2e.example.jp");
  await expect(page.getByTestId("shown-secret")).toHaveCount(0);
  await expect(page.getByLabel(/秘密鍵を再発行する/)).toBeVisible();

  // A clerk reads the log but not the settings.
  await page.context().clearCookies();
  await signIn(page, testInfo, clerk);
  await page.goto("/alerts");
  await expect(page.getByRole("region", { name: "アラートの表" })).toContainText("失敗（6回、http_500）");
  await expect(page.getByRole("heading", { name: "送信先の設定" })).toHaveCount(0);
});
