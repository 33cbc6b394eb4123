import { expectAccessible } from "./helpers/a11y";
import { expect, test } from "@playwright/test";
import { baseRequest } from "../../scripts/kiosk/client";
import { createCardholder } from "../factories/issuance";
import { createE2eKioskClient, createE2eMunicipality, createE2eStaff, factories } from "./helpers/fixtures";
import { signIn } from "./helpers/sign-in";

// 交付停止 at the counter (issue 17): a clerk stops kiosk issuance for one resident, the kiosk API refuses that
// resident from the next request, and only an administrator lifts it. The municipality, its cardholder, its
// clerk and administrator and the kiosk key are this spec's own (helpers/fixtures.ts).


test("a clerk sets a 交付停止, the kiosk refuses the person at once, and only an administrator lifts it", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const municipality = await createE2eMunicipality({ kind: "町" });
  const clerk = await createE2eStaff(municipality.id, "clerk");
  const admin = await createE2eStaff(municipality.id, "municipal_admin");
  const { head, card } = await factories(() => createCardholder(municipality.id));
  const person = { residentNo: head.residentNo, serial: card.serial };
  const kiosk = await createE2eKioskClient(baseURL!, municipality.id, "2026-11-27T01:00:00.000Z");
  const reasons = async () => {
    const e = await kiosk.post<{ certificates: Array<{ available: boolean; reason?: string }> }>("/eligibility", baseRequest(person.serial, municipality.code));
    expect(e.status, e.raw.slice(0, 300)).toBe(200);
    return e.body.certificates.map((c) => (c.available ? "ok" : c.reason));
  };
  expect(await reasons()).not.toContain("resident_issuance_stopped");

  await signIn(page, testInfo, clerk);
  await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "交付停止" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "交付停止" })).toBeVisible();
  await expectAccessible(page, "issuance-blocks");

  // The form explains what is wrong before anything is sent.
  await page.getByLabel("停止の理由").selectOption("other");
  await page.getByRole("button", { name: "交付停止を設定" }).click();
  await expect(page.getByText("＊住民番号を入力してください。", { exact: true })).toBeVisible();
  await expect(page.getByText("「その他」の場合は内容を入力してください。")).toBeVisible();

  await page.getByLabel("住民番号").fill(person.residentNo);
  await page.getByLabel("停止の理由").selectOption("card_lost");
  await page.getByRole("button", { name: "交付停止を設定" }).click();
  await expect(page.getByRole("cell", { name: person.residentNo })).toBeVisible();
  await expect(page.getByRole("cell", { name: "カード紛失" })).toBeVisible();
  // A clerk cannot lift it.
  await expect(page.getByRole("button", { name: /交付停止を解除/ })).toHaveCount(0);
  await expectAccessible(page, "issuance-blocks");

  expect(new Set(await reasons())).toEqual(new Set(["resident_issuance_stopped"]));

  await page.context().clearCookies();
  await signIn(page, testInfo, admin);
  await page.goto("/issuance-blocks");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: /交付停止を解除/ }).click();
  await expect(page.getByText("停止中の住民はいません。")).toBeVisible();
  await expect(page.getByRole("heading", { name: "解除した交付停止（過去30日）" })).toBeVisible();
  expect(await reasons()).not.toContain("resident_issuance_stopped");
});
