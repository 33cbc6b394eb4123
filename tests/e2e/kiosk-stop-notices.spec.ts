import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { ownerDb } from "../setup/owner-db";
import { factories } from "./helpers/fixtures";
import { expectAccessible } from "./helpers/a11y";
import { placeCard, screenHeading, setClock, typePin } from "./helpers/kiosk";

// お知らせ at the kiosk simulator: the stops of 世田谷区 (demo seed) this spec creates — a planned stop of every
// service, a 戸籍-only stop and an emergency stop of one type — reach the certificate list as a real terminal
// shows them: ahead of a planned stop (within 7 days) and while it refuses, and on the refusal screen. The 戸籍
// stop concerns none of the 住所地 types this card is asked about, so it is not shown. Judged in February 2027,
// far from the dates the other specs use; the rows are removed afterwards.

const SETAGAYA = "131121";
const tag = crypto.randomBytes(3).toString("hex");
const PLANNED = `システム保守のため、2月10日（水）9時から12時まで停止します（E2E ${tag}）。`;
const KOSEKI_ONLY = `戸籍システム更新のため戸籍証明書を停止します（E2E ${tag}）。`;
const EMERGENCY = `所得証明書のシステム障害のため停止しています（E2E ${tag}）。`;
const created: { stops: string[]; emergencies: string[] } = { stops: [], emergencies: [] };

test.beforeAll(async () => {
  await factories(async () => {
    const db = ownerDb();
    const m = await db.municipality.findUniqueOrThrow({ where: { code: SETAGAYA } });
    const jst = (s: string) => new Date(`${s}+09:00`);
    const stops = await Promise.all([
      db.serviceStop.create({ data: { municipalityId: m.id, scope: "all", startsAt: jst("2027-02-10T09:00:00"), endsAt: jst("2027-02-10T12:00:00"), notice: PLANNED } }),
      db.serviceStop.create({ data: { municipalityId: m.id, scope: "koseki", startsAt: jst("2027-02-09T06:30:00"), endsAt: jst("2027-02-12T23:00:00"), notice: KOSEKI_ONLY } }),
    ]);
    const emergency = await db.emergencyStop.create({ data: { municipalityId: m.id, certificateType: "tax_income", reason: EMERGENCY } });
    created.stops.push(...stops.map((s) => s.id));
    created.emergencies.push(emergency.id);
  });
});

test.afterAll(async () => {
  await factories(async () => {
    await ownerDb().serviceStop.deleteMany({ where: { id: { in: created.stops } } });
    await ownerDb().emergencyStop.deleteMany({ where: { id: { in: created.emergencies } } });
  });
});

test("the certificate list and the refusal show the stop notices that concern the types", async ({ page }) => {
  await page.goto("/kiosk");
  // The day before the planned stop: announced, and the types are still available.
  await setClock(page, "2027-02-09T10:00");
  await placeCard(page, /長谷川 拓也/);
  await typePin(page, "1234");
  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  const panel = page.getByRole("region", { name: "お知らせ" });
  await expect(panel).toContainText(PLANNED);
  await expect(panel).toContainText("停止の予定（2027/02/10 09:00〜2027/02/10 12:00）");
  await expect(panel).toContainText(EMERGENCY);
  await expect(panel).toContainText("対象：所得証明書");
  await expect(panel).not.toContainText(KOSEKI_ONLY);
  await expect(page.getByRole("button", { name: /印鑑登録証明書/ })).toBeEnabled();
  await expectAccessible(page, "certificates with notices");

  // The resident confirms once the stop has begun: the issuance is refused, and the refusal shows the notice.
  await page.getByRole("button", { name: /印鑑登録証明書/ }).click();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(screenHeading(page, "内容を確認してください")).toBeVisible();
  await setClock(page, "2027-02-10T10:00");
  await page.getByRole("button", { name: "発行する" }).click();
  await expect(screenHeading(page, "この証明書は発行できません")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("ただいまサービスを停止しています。")).toBeVisible();
  const refusalPanel = page.getByRole("region", { name: "お知らせ" });
  await expect(refusalPanel).toContainText(PLANNED);
  await expect(refusalPanel).not.toContainText(EMERGENCY);
  await expectAccessible(page, "refused with a notice");

  // Back to the list, judged again: every type is refused now, with the notice in force.
  await page.getByRole("button", { name: "証明書の種類に戻る" }).click();
  await expect(screenHeading(page, "証明書の種類を選んでください")).toBeVisible();
  await expect(panel).toContainText("停止中（2027/02/10 09:00〜2027/02/10 12:00）");
  await expect(page.getByRole("button", { name: /印鑑登録証明書/ })).toBeDisabled();
  await expectAccessible(page, "certificates during the stop");
});
