import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { getDashboardSummary } from "@/server/dashboard/get-dashboard-summary";
import { ZIssueRequest } from "@/lib/schemas/kiosk";
import { completeIssuance } from "@/server/issuance/complete-issuance";
import { issueCertificate } from "@/server/issuance/issue-certificate";
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
});
