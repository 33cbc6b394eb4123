import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { feeInForce } from "@/server/fees/fee-in-force";
import { listFees } from "@/server/service-config/list-fees";
import { scheduleFee } from "@/server/service-config/schedule-fee";
import { auditActions, invalidWith, twoTenants } from "./service-config-helpers";

// 2026-11-27 15:00 JST; "tomorrow" is 2026-11-28.
const NOW = new Date("2026-11-27T15:00:00+09:00");
const jst = (s: string) => new Date(`${s}+09:00`);

describe("scheduleFee", () => {
  it("puts a fee scheduled for tomorrow in force at 00:00 JST, read by feeInForce from the stored rows", async () => {
    const { a, adminA } = await twoTenants();
    await ownerDb().fee.create({ data: { municipalityId: a.id, certificateType: "residence", amount: 300, effectiveFrom: jst("2020-04-01T00:00:00") } });
    await scheduleFee({ ctx: adminA, input: { certificateType: "residence", kind: "standard", amount: 200, effectiveFrom: "2026-11-28" }, now: NOW });
    const rows = await ownerDb().fee.findMany({ where: { municipalityId: a.id, certificateType: "residence" } });
    expect(feeInForce(rows, NOW)).toBe(300);
    expect(feeInForce(rows, new Date(jst("2026-11-28T00:00:00").getTime() - 1))).toBe(300);
    expect(feeInForce(rows, jst("2026-11-28T00:00:00"))).toBe(200);
    expect(await auditActions(a.id)).toEqual(["fee.schedule"]);

    const listed = await listFees({ ctx: adminA, input: {}, now: NOW });
    expect(listed.map((f) => [f.amount, f.status])).toEqual([
      [200, "scheduled"],
      [300, "in_force"],
    ]);
    const later = await listFees({ ctx: adminA, input: { certificateType: "residence" }, now: jst("2026-11-28T00:00:00") });
    expect(later.map((f) => [f.amount, f.status])).toEqual([
      [200, "in_force"],
      [300, "ended"],
    ]);
  });

  it("runs a campaign through its last day and overrides the standard fee meanwhile", async () => {
    const { a, adminA } = await twoTenants();
    await ownerDb().fee.create({ data: { municipalityId: a.id, certificateType: "seal", amount: 300, effectiveFrom: jst("2020-04-01T00:00:00") } });
    await scheduleFee({ ctx: adminA, input: { certificateType: "seal", kind: "campaign", amount: 10, effectiveFrom: "2026-12-01", effectiveUntil: "2026-12-31" }, now: NOW });
    const rows = await ownerDb().fee.findMany({ where: { municipalityId: a.id } });
    expect(feeInForce(rows, jst("2026-12-31T23:59:59"))).toBe(10);
    expect(feeInForce(rows, jst("2027-01-01T00:00:00"))).toBe(300);
    const during = await listFees({ ctx: adminA, input: {}, now: jst("2026-12-10T10:00:00") });
    expect(during.map((f) => [f.kind, f.status])).toEqual([
      ["campaign", "in_force"],
      ["standard", "overridden"],
    ]);
  });

  it("refuses today, past days and inverted campaign periods", async () => {
    const { a, adminA } = await twoTenants();
    const base = { certificateType: "residence", kind: "standard", amount: 200 };
    await expect(scheduleFee({ ctx: adminA, input: { ...base, effectiveFrom: "2026-11-27" }, now: NOW })).rejects.toMatchObject({ code: "fee_in_past" });
    await expect(scheduleFee({ ctx: adminA, input: { ...base, effectiveFrom: "2025-04-01" }, now: NOW })).rejects.toMatchObject({ code: "fee_in_past" });
    await expect(scheduleFee({ ctx: adminA, input: { ...base, kind: "campaign", effectiveFrom: "2026-12-10", effectiveUntil: "2026-12-01" }, now: NOW })).rejects.toMatchObject(invalidWith(/適用開始日以降/));
    await expect(scheduleFee({ ctx: adminA, input: { ...base, kind: "campaign", effectiveFrom: "2026-12-10" }, now: NOW })).rejects.toMatchObject(invalidWith(/終了日を入力/));
    await expect(scheduleFee({ ctx: adminA, input: { ...base, amount: 10000, effectiveFrom: "2026-12-10" }, now: NOW })).rejects.toMatchObject(invalidWith(/0〜9999/));
    expect(await ownerDb().fee.count({ where: { municipalityId: a.id } })).toBe(0);
  });

  it("never schedules or lists across tenants", async () => {
    const { a, b, adminA, adminB } = await twoTenants();
    await scheduleFee({ ctx: adminB, input: { certificateType: "residence", kind: "standard", amount: 250, effectiveFrom: "2026-12-01" }, now: NOW });
    await expect(
      scheduleFee({ ctx: adminA, input: { municipalityId: b.id, certificateType: "residence", kind: "standard", amount: 1, effectiveFrom: "2026-12-01" }, now: NOW }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(listFees({ ctx: adminA, input: { municipalityId: b.id }, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    expect(await listFees({ ctx: adminA, input: {}, now: NOW })).toEqual([]);
    expect(await ownerDb().fee.count({ where: { municipalityId: b.id } })).toBe(1);
    expect(await auditActions(a.id)).toEqual([]);
  });
});
