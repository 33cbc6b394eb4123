import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { withTenant } from "@/server/db/tenant";
import { checkCertificateAvailability } from "@/server/service-calendar/check-availability";
import { loadCalendar } from "@/server/service-calendar/load-calendar";
import { cancelPlannedStop } from "@/server/service-config/cancel-planned-stop";
import { clearServiceWindows } from "@/server/service-config/clear-service-windows";
import { createPlannedStop } from "@/server/service-config/create-planned-stop";
import { endEmergencyStop } from "@/server/service-config/end-emergency-stop";
import { getMonthAvailability } from "@/server/service-config/get-month-availability";
import { setServiceWindows } from "@/server/service-config/set-service-windows";
import { startEmergencyStop } from "@/server/service-config/start-emergency-stop";
import { auditActions, invalidWith, staffCtx, twoTenants } from "./service-config-helpers";

const NOW = new Date("2026-11-27T15:00:00+09:00");
const jst = (s: string) => new Date(`${s}+09:00`);
const availability = async (municipalityId: string, type: Parameters<typeof checkCertificateAvailability>[1], at: Date) =>
  checkCertificateAvailability(await withTenant(await staffCtx(municipalityId), (tx) => loadCalendar(tx, municipalityId, at)), type, at);

async function offerAll(municipalityId: string) {
  await ownerDb().certificateOffering.createMany({
    data: (["residence", "seal", "koseki_full"] as const).map((certificateType) => ({ municipalityId, certificateType, enabled: true })),
  });
}

describe("setServiceWindows / clearServiceWindows", () => {
  it("sets weekday 戸籍 hours that issuance then applies, and validates the range in Japanese", async () => {
    const { a, adminA } = await twoTenants();
    await setServiceWindows({ ctx: adminA, input: { certificateType: "koseki-full", dayClass: "weekday", closed: false, start: "09:00", end: "17:00" } });
    expect(await availability(a.id, "koseki-full", jst("2026-11-27T08:59:00"))).toMatchObject({ open: false, reason: "service_out_of_hours" });
    expect((await availability(a.id, "koseki-full", jst("2026-11-27T09:00:00"))).open).toBe(true);
    expect((await availability(a.id, "residence", jst("2026-11-27T08:00:00"))).open).toBe(true);
    // Saving again replaces, never duplicates.
    await setServiceWindows({ ctx: adminA, input: { certificateType: "koseki-full", dayClass: "weekday", closed: false, start: "08:30", end: "17:15" } });
    expect(await ownerDb().serviceWindow.findMany({ where: { municipalityId: a.id }, select: { startMinute: true, endMinute: true } })).toEqual([{ startMinute: 510, endMinute: 1035 }]);

    const bad = { certificateType: "koseki-full", dayClass: "weekday", closed: false };
    await expect(setServiceWindows({ ctx: adminA, input: { ...bad, start: "17:00", end: "09:00" } })).rejects.toMatchObject(invalidWith(/終了時刻は開始時刻より後/));
    await expect(setServiceWindows({ ctx: adminA, input: { ...bad, start: "06:00", end: "09:00" } })).rejects.toMatchObject(invalidWith(/06:30〜23:00/));
    await expect(setServiceWindows({ ctx: adminA, input: { ...bad, start: "9時", end: "17:00" } })).rejects.toMatchObject(invalidWith(/「09:00」の形式/));

    await clearServiceWindows({ ctx: adminA, input: { certificateType: "koseki-full", dayClass: "weekday" } });
    expect(await ownerDb().serviceWindow.count({ where: { municipalityId: a.id } })).toBe(0);
    expect(await auditActions(a.id)).toEqual(["service_window.set", "service_window.set", "service_window.clear"]);
  });

  it("refuses another municipality's windows", async () => {
    const { b, adminA } = await twoTenants();
    await expect(
      setServiceWindows({ ctx: adminA, input: { municipalityId: b.id, certificateType: "all", dayClass: "sunday", closed: true, start: "", end: "" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(clearServiceWindows({ ctx: adminA, input: { municipalityId: b.id, certificateType: "all", dayClass: "sunday" } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().serviceWindow.count({ where: { municipalityId: b.id } })).toBe(0);
  });
});

describe("planned stops", () => {
  const stop = { scope: "all", startsAt: "2026-12-10T10:00", endsAt: "2026-12-10T12:00", notice: "システム保守のため停止します。" };

  it("creates a future stop in JST that issuance applies, and cancels it", async () => {
    const { a, adminA } = await twoTenants();
    const { id } = await createPlannedStop({ ctx: adminA, input: stop, now: NOW });
    expect(await availability(a.id, "residence", jst("2026-12-10T10:00:00"))).toMatchObject({ open: false, reason: "service_planned_stop", notice: stop.notice });
    expect((await availability(a.id, "residence", jst("2026-12-10T12:00:00"))).open).toBe(true);
    expect(await cancelPlannedStop({ ctx: adminA, input: { stopId: id }, now: NOW })).toEqual({ outcome: "removed" });
    expect(await ownerDb().serviceStop.count({ where: { municipalityId: a.id } })).toBe(0);
    expect(await auditActions(a.id)).toEqual(["service_stop.create", "service_stop.cancel"]);
  });

  it("ends a running stop now instead of removing it", async () => {
    const { adminA } = await twoTenants();
    const { id } = await createPlannedStop({ ctx: adminA, input: stop, now: NOW });
    const during = jst("2026-12-10T11:00:00");
    expect(await cancelPlannedStop({ ctx: adminA, input: { stopId: id }, now: during })).toEqual({ outcome: "ended" });
    expect((await ownerDb().serviceStop.findUniqueOrThrow({ where: { id } })).endsAt).toEqual(during);
    await expect(cancelPlannedStop({ ctx: adminA, input: { stopId: id }, now: during })).rejects.toMatchObject({ code: "conflict" });
  });

  it("validates the period and the notice", async () => {
    const { adminA } = await twoTenants();
    await expect(createPlannedStop({ ctx: adminA, input: { ...stop, startsAt: "2026-11-27T14:00" }, now: NOW })).rejects.toMatchObject({ code: "stop_in_past" });
    await expect(createPlannedStop({ ctx: adminA, input: { ...stop, endsAt: "2026-12-10T10:00" }, now: NOW })).rejects.toMatchObject(invalidWith(/終了日時は開始日時より後/));
    await expect(createPlannedStop({ ctx: adminA, input: { ...stop, notice: "" }, now: NOW })).rejects.toMatchObject(invalidWith(/お知らせ文を入力/));
    await expect(createPlannedStop({ ctx: adminA, input: { ...stop, notice: "あ".repeat(501) }, now: NOW })).rejects.toMatchObject(invalidWith(/500文字以内/));
  });

  it("never creates or cancels across tenants", async () => {
    const { b, adminA, adminB } = await twoTenants();
    const { id } = await createPlannedStop({ ctx: adminB, input: stop, now: NOW });
    await expect(cancelPlannedStop({ ctx: adminA, input: { stopId: id }, now: NOW })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelPlannedStop({ ctx: adminA, input: { municipalityId: b.id, stopId: id }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPlannedStop({ ctx: adminA, input: { ...stop, municipalityId: b.id }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().serviceStop.count({ where: { municipalityId: b.id } })).toBe(1);
  });
});

describe("emergency stops", () => {
  it("refuses issuance of that type only, opens an incident, and ends", async () => {
    const { a, adminA } = await twoTenants();
    const at = jst("2026-11-27T10:00:00");
    const { id, incidentId } = await startEmergencyStop({ ctx: adminA, input: { certificateType: "seal", reason: "印鑑データの不整合" } });
    expect(await availability(a.id, "seal", at)).toMatchObject({ open: false, reason: "service_emergency_stop", notice: "印鑑データの不整合" });
    expect((await availability(a.id, "residence", at)).open).toBe(true);
    expect(await ownerDb().incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ municipalityId: a.id, kind: "emergency_stop", status: "open" });
    await expect(startEmergencyStop({ ctx: adminA, input: { certificateType: "seal", reason: "重複" } })).rejects.toMatchObject({ code: "emergency_stop_running" });

    await endEmergencyStop({ ctx: adminA, input: { emergencyStopId: id } });
    expect((await availability(a.id, "seal", at)).open).toBe(true);
    await expect(endEmergencyStop({ ctx: adminA, input: { emergencyStopId: id } })).rejects.toMatchObject({ code: "conflict" });
    expect(await auditActions(a.id)).toEqual(["incident.open", "emergency_stop.start", "emergency_stop.end"]);
  });

  it("stops every type when started for all", async () => {
    const { a, adminA } = await twoTenants();
    await startEmergencyStop({ ctx: adminA, input: { certificateType: "all", reason: "障害対応" } });
    for (const t of ["residence", "koseki-full", "tax-income"] as const) expect((await availability(a.id, t, jst("2026-11-27T10:00:00"))).open).toBe(false);
  });

  it("never starts or ends across tenants, and clerks cannot start one", async () => {
    const { a, b, adminA, adminB } = await twoTenants();
    const { id } = await startEmergencyStop({ ctx: adminB, input: { certificateType: "all", reason: "障害対応" } });
    await expect(endEmergencyStop({ ctx: adminA, input: { emergencyStopId: id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(startEmergencyStop({ ctx: adminA, input: { municipalityId: b.id, certificateType: "all", reason: "x" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startEmergencyStop({ ctx: await staffCtx(a.id, "clerk"), input: { certificateType: "all", reason: "x" } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await ownerDb().emergencyStop.findUniqueOrThrow({ where: { id } })).endedAt).toBeNull();
    expect(await ownerDb().emergencyStop.count({ where: { municipalityId: a.id } })).toBe(0);
    expect(await ownerDb().incident.count({ where: { municipalityId: a.id } })).toBe(0);
  });
});

describe("getMonthAvailability", () => {
  it("marks 12/29–1/3, a planned stop, weekday-only 戸籍 hours and types not offered", async () => {
    const { a, adminA } = await twoTenants();
    await offerAll(a.id);
    await setServiceWindows({ ctx: adminA, input: { certificateType: "koseki-full", dayClass: "weekday", closed: false, start: "09:00", end: "17:00" } });
    await createPlannedStop({ ctx: adminA, input: { scope: "all", startsAt: "2026-12-10T10:00", endsAt: "2026-12-10T12:00", notice: "保守" }, now: NOW });
    await createPlannedStop({ ctx: adminA, input: { scope: "koseki", startsAt: "2026-12-14T00:00", endsAt: "2026-12-15T00:00", notice: "戸籍システム更新" }, now: NOW });

    const dec = await getMonthAvailability({ ctx: adminA, input: { month: "2026-12" } });
    const day = (d: string) => dec.days.find((x) => x.date === d)!.types;
    expect(dec.days).toHaveLength(31);
    expect(day("2026-12-09")).toMatchObject({ residence: "full", seal: "full", "koseki-full": "full", "tax-income": "not_offered" });
    expect(day("2026-12-10")).toMatchObject({ residence: "partial", "koseki-full": "partial" });
    expect(day("2026-12-12")).toMatchObject({ residence: "full", "koseki-full": "stopped" }); // Saturday
    expect(day("2026-12-14")).toMatchObject({ residence: "full", "koseki-full": "stopped" });
    expect(day("2026-12-28").residence).toBe("full");
    for (const d of ["2026-12-29", "2026-12-30", "2026-12-31"]) expect(day(d)).toMatchObject({ residence: "year_end", "tax-income": "year_end" });

    const jan = await getMonthAvailability({ ctx: adminA, input: { month: "2027-01" } });
    expect(jan.days.slice(0, 3).every((d) => d.types.residence === "year_end")).toBe(true);
    expect(jan.days[3].types.residence).toBe("full");
    expect(jan.days.find((d) => d.date === "2027-01-11")).toMatchObject({ dayClass: "holiday", holiday: true }); // 成人の日
  });

  it("shows an emergency stop from its start, readable by clerks, and never another tenant's month", async () => {
    const { a, b, adminA } = await twoTenants();
    await offerAll(a.id);
    // Started on a Tuesday morning in November and still running: stopped from then on, through December,
    // where the year-end closure outranks it.
    await startEmergencyStop({ ctx: adminA, input: { certificateType: "seal", reason: "障害" }, now: jst("2026-11-10T10:00:00") });
    const clerk = await staffCtx(a.id, "clerk");
    const nov = await getMonthAvailability({ ctx: clerk, input: { month: "2026-11" } });
    const novDay = (d: number) => nov.days[d - 1].types;
    expect(novDay(9)).toMatchObject({ seal: "full", residence: "full" });
    expect(novDay(10)).toMatchObject({ seal: "partial", residence: "full" });
    for (let d = 11; d <= 30; d++) expect(novDay(d)).toMatchObject({ seal: "stopped", residence: "full" });
    const dec = await getMonthAvailability({ ctx: clerk, input: { month: "2026-12" } });
    for (const day of dec.days) {
      const yearEnd = day.date >= "2026-12-29";
      expect(day.types).toMatchObject(yearEnd ? { seal: "year_end", residence: "year_end" } : { seal: "stopped", residence: "full" });
    }
    const month = "2026-11";
    await expect(getMonthAvailability({ ctx: adminA, input: { municipalityId: b.id, month } })).rejects.toMatchObject({ code: "forbidden" });
  });
});
