import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { getDashboardSummary } from "@/server/dashboard/get-dashboard-summary";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { issueCertificate } from "@/server/issuance/issue-certificate";
import type { CertificateType } from "@/server/generated/prisma/enums";
import { ownerDb } from "@/tests/setup/owner-db";
import { createMunicipality, createResident } from "../factories";
import { createApiClient, createCardholder, createServedMunicipality, issueBody, OPEN_AT } from "../factories/issuance";

const staffCtx = (municipalityId: string | null, role: "operator" | "clerk" = "clerk"): RequestContext => ({
  actor: { type: "staff", id: "00000000-0000-7000-8000-000000000001", role, municipalityId },
  municipalityId,
  requestId: "r",
});

describe("getDashboardSummary", () => {
  it("counts only the staff member's own municipality", async () => {
    const a = await createMunicipality();
    const b = await createMunicipality();
    await createResident(a.id);
    await createResident(a.id);
    await createResident(b.id);
    await createResident(a.id, { status: "deceased", deceasedOn: new Date("2026-01-01") });

    const summary = await getDashboardSummary({ ctx: staffCtx(a.id) });
    expect(summary.scope).toBe("municipality");
    if (summary.scope !== "municipality") return;
    expect(summary.municipality.code).toBe(a.code);
    expect(summary.counts.activeResidents).toBe(2);
    expect(summary.counts.households).toBe(2);

    const other = await getDashboardSummary({ ctx: staffCtx(b.id) });
    if (other.scope !== "municipality") throw new Error("scope");
    expect(other.counts.activeResidents).toBe(1);
  });

  it("counts today's prints by completion day, like the statistics: not renders, not cancellations", async () => {
    const m = await createServedMunicipality();
    const { ctx: client } = await createApiClient();
    const issue = async (key: string, now: Date) => {
      const { card } = await createCardholder(m.id);
      return (await issueCertificate({ ctx: client, input: ZIssueRequest.parse(issueBody(m.code, card)), idempotencyKey: key, now })).response.issuanceId;
    };
    const printed = await issue("dash-printed", OPEN_AT);
    const cancelled = await issue("dash-cancelled", OPEN_AT);
    await issue("dash-open", OPEN_AT); // rendered, not completed
    const lateAt = new Date("2026-11-26T13:50:00Z"); // rendered 22:50 JST the day before, printed after midnight
    const late = await issue("dash-late", lateAt);
    await completeIssuance({ ctx: client, issuanceId: printed, input: { outcome: "printed" }, now: OPEN_AT });
    await completeIssuance({ ctx: client, issuanceId: cancelled, input: { outcome: "cancelled" }, now: OPEN_AT });
    await completeIssuance({ ctx: client, issuanceId: late, input: { outcome: "printed" }, now: new Date("2026-11-26T15:05:00Z") });
    const staff = { ...staffCtx(m.id) };
    const today = await getDashboardSummary({ ctx: staff, now: OPEN_AT });
    if (today.scope !== "municipality") throw new Error("scope");
    expect(today.counts.printedIssuancesToday).toBe(2);
    const operator = await getDashboardSummary({ ctx: staffCtx(null, "operator"), now: OPEN_AT });
    if (operator.scope !== "operator") throw new Error("scope");
    expect(operator.municipalities.find((x) => x.id === m.id)?.counts.printedIssuancesToday).toBe(2);
    const dayBefore = await getDashboardSummary({ ctx: staff, now: lateAt });
    if (dayBefore.scope !== "municipality") throw new Error("scope");
    expect(dayBefore.counts.printedIssuancesToday).toBe(0);
  });

  it("gives the operator one row per municipality", async () => {
    const a = await createMunicipality();
    await createResident(a.id);
    const summary = await getDashboardSummary({ ctx: staffCtx(null, "operator") });
    if (summary.scope !== "operator") throw new Error("scope");
    expect(summary.municipalities.find((m) => m.id === a.id)?.counts.activeResidents).toBe(1);
  });

  it("refuses a non-operator without a municipality, and non-staff callers", async () => {
    await expect(getDashboardSummary({ ctx: staffCtx(null, "clerk") })).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      getDashboardSummary({ ctx: { actor: { type: "api_client", id: "x", municipalityId: null }, municipalityId: null, requestId: "r" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  describe("issuance usage from the daily rollup", () => {
    // 2030-12-07 10:00 JST (a Saturday): the 30 days run 2030-11-08 … 2030-12-07; 11/23 is a Saturday holiday.
    const NOW = new Date("2030-12-07T10:00:00+09:00");
    const daily = (municipalityId: string, day: string, count: number, copies: number, feeTotal: number, certificateType: CertificateType = "residence", storeChain = "seven-eleven") =>
      ({ municipalityId, day: new Date(day), certificateType, storeChain, outOfTown: false, count, copies, feeTotal });
    const rollupSum = async (municipalityId: string | undefined, from: string, to: string) => {
      const a = await ownerDb().usageDaily.aggregate({
        where: { ...(municipalityId ? { municipalityId } : {}), day: { gte: new Date(from), lte: new Date(to) } },
        _sum: { count: true, copies: true, feeTotal: true },
      });
      return { count: a._sum.count ?? 0, copies: a._sum.copies ?? 0, feeTotal: a._sum.feeTotal ?? 0 };
    };

    it("gives 30 days ending today and this month's and last month's totals, for the clerk's municipality only", async () => {
      const a = await createMunicipality();
      const b = await createMunicipality();
      await ownerDb().usageDaily.createMany({
        data: [
          daily(a.id, "2030-10-31", 50, 60, 12_000), // before the window and before last month
          daily(a.id, "2030-11-07", 7, 8, 1_600), // last month, one day before the window
          daily(a.id, "2030-11-08", 3, 4, 800), // first day of the window
          daily(a.id, "2030-11-23", 2, 2, 400),
          daily(a.id, "2030-11-23", 1, 1, 450, "koseki_full", "lawson"), // same day, another type and chain
          daily(a.id, "2030-12-02", 5, 6, 1_200),
          daily(a.id, "2030-12-07", 4, 5, 1_000), // today
          daily(b.id, "2030-12-07", 100, 100, 20_000), // another municipality
          daily(b.id, "2030-11-15", 100, 100, 20_000),
        ],
      });

      const summary = await getDashboardSummary({ ctx: staffCtx(a.id), now: NOW });
      if (summary.scope !== "municipality") throw new Error("scope");
      const days = summary.usage.last30Days;
      expect(days).toHaveLength(30);
      expect(days[0].key).toBe("2030-11-08");
      expect(days[29].key).toBe("2030-12-07");
      expect(days.find((d) => d.key === "2030-11-23")).toMatchObject({ label: "11/23(土・祝)", count: 3, copies: 3, feeTotal: 850 });
      expect(days[29]).toMatchObject({ label: "12/7(土)", count: 4, copies: 5, feeTotal: 1_000 });
      expect(days.find((d) => d.key === "2030-11-09")).toMatchObject({ count: 0, copies: 0, feeTotal: 0 });
      const sum = (k: "count" | "copies" | "feeTotal") => days.reduce((t, d) => t + d[k], 0);
      expect({ count: sum("count"), copies: sum("copies"), feeTotal: sum("feeTotal") }).toEqual(await rollupSum(a.id, "2030-11-08", "2030-12-07"));
      expect(summary.usage.thisMonth).toEqual({ month: "2030-12", count: 9, copies: 11, feeTotal: 2_200 });
      expect(summary.usage.lastMonth).toEqual({ month: "2030-11", count: 13, copies: 15, feeTotal: 3_250 });

      const other = await getDashboardSummary({ ctx: staffCtx(b.id), now: NOW });
      if (other.scope !== "municipality") throw new Error("scope");
      expect(other.usage.thisMonth).toMatchObject({ count: 100, copies: 100 });
      expect(other.usage.last30Days.find((d) => d.key === "2030-11-23")?.count).toBe(0);

      // The operator sees the sum over every municipality, equal to the rollup.
      const operator = await getDashboardSummary({ ctx: staffCtx(null, "operator"), now: NOW });
      if (operator.scope !== "operator") throw new Error("scope");
      expect(operator.usage.last30Days.at(-1)).toMatchObject({ key: "2030-12-07", count: 104 });
      const opSum = operator.usage.last30Days.reduce((t, d) => t + d.copies, 0);
      expect(opSum).toBe((await rollupSum(undefined, "2030-11-08", "2030-12-07")).copies);
      expect(operator.usage.lastMonth).toMatchObject(await rollupSum(undefined, "2030-11-01", "2030-11-30"));
    });

    it("spans three months early in March and is all zero without history", async () => {
      const m = await createMunicipality();
      await ownerDb().usageDaily.createMany({ data: [daily(m.id, "2031-01-30", 9, 9, 1_800), daily(m.id, "2031-01-31", 2, 2, 400), daily(m.id, "2031-02-14", 1, 1, 200)] });
      const summary = await getDashboardSummary({ ctx: staffCtx(m.id), now: new Date("2031-03-01T08:00:00+09:00") });
      if (summary.scope !== "municipality") throw new Error("scope");
      expect(summary.usage.last30Days.map((d) => d.key)).toEqual(expect.arrayContaining(["2031-01-31", "2031-02-28", "2031-03-01"]));
      expect(summary.usage.last30Days[0]).toMatchObject({ key: "2031-01-31", count: 2 });
      expect(summary.usage.last30Days.reduce((t, d) => t + d.count, 0)).toBe(3);
      expect(summary.usage.thisMonth).toMatchObject({ month: "2031-03", count: 0 });
      expect(summary.usage.lastMonth).toMatchObject({ month: "2031-02", count: 1, feeTotal: 200 });

      const empty = await getDashboardSummary({ ctx: staffCtx((await createMunicipality()).id), now: NOW });
      if (empty.scope !== "municipality") throw new Error("scope");
      expect(empty.usage.last30Days.every((d) => d.count === 0)).toBe(true);
      expect(empty.usage.lastMonth.count).toBe(0);
    });
  });
});
