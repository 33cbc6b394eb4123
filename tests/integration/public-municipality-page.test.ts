// The public page of a municipality (/m/<code>) reads one verb: the offered types, the fee in force at `now`
// (a fee scheduled for later is announced, never shown as current), the hours per type and day class, the planned
// stops in force or to come, the running emergency stops, and whether 本籍地 利用登録 is taken. An inactive or
// unknown municipality is not found, alike.
import { describe, expect, it } from "vitest";
import { getMunicipalityPage } from "@/server/public/get-municipality-page";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality } from "../factories";
import { OPEN_AT } from "../factories/issuance";
import { createKosekiMunicipality } from "../factories/koseki-registration";

const NOW = OPEN_AT; // 2026-11-27 (Friday) 10:00 JST
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe("getMunicipalityPage", () => {
  it("lists the enabled offerings with the fee in force, the next fee change and the hours per day class", async () => {
    const m = await createKosekiMunicipality();
    const db = ownerDb();
    await db.certificateOffering.update({ where: { municipalityId_certificateType: { municipalityId: m.id, certificateType: "seal" } }, data: { enabled: false } });
    await db.fee.createMany({
      data: [
        // An ordinance fee from next month: announced, the current one still shown.
        { municipalityId: m.id, certificateType: "residence", amount: 250, effectiveFrom: at(30 * DAY) },
        // A campaign running now, ending in 10 days.
        { municipalityId: m.id, certificateType: "residence_entry", kind: "campaign", amount: 10, effectiveFrom: at(-DAY), effectiveUntil: at(10 * DAY) },
      ],
    });
    await db.serviceWindow.createMany({
      data: [
        { municipalityId: m.id, certificateType: null, dayClass: "weekday", startMinute: 8 * 60, endMinute: 20 * 60 },
        { municipalityId: m.id, certificateType: null, dayClass: "saturday", startMinute: 9 * 60, endMinute: 17 * 60 },
        // 戸籍全部 on weekdays only, and never before the national 6:30.
        { municipalityId: m.id, certificateType: "koseki_full", dayClass: "weekday", startMinute: 6 * 60, endMinute: 17 * 60 },
      ],
    });

    const page = await getMunicipalityPage({ code: m.code, now: NOW });
    expect(page?.municipality).toEqual({ code: m.code, name: m.name, nameKana: m.nameKana, prefecture: m.prefecture });
    const byType = Object.fromEntries(page!.certificates.map((c) => [c.type, c]));
    expect(Object.keys(byType)).toEqual(["residence", "residence-entry", "koseki-full", "koseki-individual", "koseki-fuhyo"]);
    expect(byType.residence).toMatchObject({ name: "住民票の写し", fee: 200, nextFee: { amount: 250, from: at(30 * DAY) } });
    expect(byType["residence-entry"]).toMatchObject({ fee: 10, nextFee: { amount: 200, from: at(10 * DAY) } });
    expect(byType["koseki-individual"]).toMatchObject({ fee: 350, nextFee: null });
    expect(byType.residence.hours).toEqual({
      weekday: [{ startMinute: 480, endMinute: 1200 }],
      saturday: [{ startMinute: 540, endMinute: 1020 }],
      sunday: [],
      holiday: [],
    });
    expect(byType["koseki-full"].hours).toEqual({ weekday: [{ startMinute: 390, endMinute: 1020 }], saturday: [], sunday: [], holiday: [] });

    // A month later the new fee is the current one.
    const later = await getMunicipalityPage({ code: m.code, now: at(31 * DAY) });
    expect(later!.certificates.find((c) => c.type === "residence")).toMatchObject({ fee: 250, nextFee: null });
  });

  it("lists the municipality's own closure days from today on and follows its year-end rule", async () => {
    const m = await createKosekiMunicipality();
    const db = ownerDb();
    await db.localClosureDay.createMany({
      data: [
        { municipalityId: m.id, day: new Date("2026-11-26"), reason: "昨日の休止" },
        { municipalityId: m.id, day: new Date("2026-11-27"), reason: "本日の休止" },
        { municipalityId: m.id, day: new Date("2027-02-01"), reason: "システム更新のため" },
      ],
    });
    const page = await getMunicipalityPage({ code: m.code, now: NOW });
    expect(page!.closureDays).toEqual([
      { day: "2026-11-27", reason: "本日の休止" },
      { day: "2027-02-01", reason: "システム更新のため" },
    ]);
    expect(page!.yearEndClosure).toBe(true);
    await db.municipality.update({ where: { id: m.id }, data: { yearEndClosure: false } });
    expect((await getMunicipalityPage({ code: m.code, now: NOW }))!.yearEndClosure).toBe(false);
  });

  it("without any windows, every day class shows the national 6:30–23:00", async () => {
    const m = await createKosekiMunicipality();
    const page = await getMunicipalityPage({ code: m.code, now: NOW });
    for (const c of page!.certificates) for (const d of ["weekday", "saturday", "sunday", "holiday"] as const) expect(c.hours[d]).toEqual([{ startMinute: 390, endMinute: 1380 }]);
  });

  it("lists the planned stops in force or to come with their notices, and the running emergency stops", async () => {
    const m = await createKosekiMunicipality();
    const other = await createKosekiMunicipality();
    const db = ownerDb();
    await db.serviceStop.createMany({
      data: [
        { municipalityId: m.id, scope: "all", startsAt: at(-3 * DAY), endsAt: at(-2 * DAY), notice: "終わった停止" },
        { municipalityId: m.id, scope: "koseki", startsAt: at(-HOUR), endsAt: at(HOUR), notice: "戸籍システム更新中" },
        { municipalityId: m.id, scope: "all", startsAt: at(20 * DAY), endsAt: at(20 * DAY + 5 * HOUR), notice: "20日後にシステム保守" },
        { municipalityId: other.id, scope: "all", startsAt: at(DAY), endsAt: at(2 * DAY), notice: "よその停止" },
      ],
    });
    await db.emergencyStop.createMany({
      data: [
        { municipalityId: m.id, certificateType: "koseki_fuhyo", reason: "附票システムの障害", startedAt: at(-HOUR) },
        { municipalityId: m.id, certificateType: null, reason: "終わった緊急停止", startedAt: at(-DAY), endedAt: at(-DAY + HOUR) },
      ],
    });
    const page = await getMunicipalityPage({ code: m.code, now: NOW });
    expect(page!.stops).toEqual([
      { scope: "koseki", startsAt: at(-HOUR), endsAt: at(HOUR), notice: "戸籍システム更新中", inForce: true },
      { scope: "all", startsAt: at(20 * DAY), endsAt: at(20 * DAY + 5 * HOUR), notice: "20日後にシステム保守", inForce: false },
    ]);
    expect(page!.emergencyStops).toEqual([{ certificateType: "koseki-fuhyo", reason: "附票システムの障害", startedAt: at(-HOUR) }]);
    expect(page!.registrationIntake).toEqual({ accepted: true, notice: null });
  });

  it("says when 本籍地 利用登録 is not taken now, with the stop's notice", async () => {
    const m = await createKosekiMunicipality();
    await ownerDb().serviceStop.create({ data: { municipalityId: m.id, scope: "registration_intake", startsAt: at(-HOUR), endsAt: at(DAY), notice: "利用登録の受付を停止しています" } });
    expect((await getMunicipalityPage({ code: m.code, now: NOW }))!.registrationIntake).toEqual({ accepted: false, notice: "利用登録の受付を停止しています" });
    expect((await getMunicipalityPage({ code: m.code, now: at(2 * DAY) }))!.registrationIntake).toEqual({ accepted: true, notice: null });
  });

  it("does not find a preparing or suspended municipality, an unknown code or a malformed one", async () => {
    const preparing = await createMunicipality({ status: "preparing" });
    const suspended = await createMunicipality({ status: "suspended" });
    expect(await getMunicipalityPage({ code: preparing.code, now: NOW })).toBeNull();
    expect(await getMunicipalityPage({ code: suspended.code, now: NOW })).toBeNull();
    expect(await getMunicipalityPage({ code: "999999", now: NOW })).toBeNull();
    expect(await getMunicipalityPage({ code: "13112'", now: NOW })).toBeNull();
  });
});
