import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/context";
import { getDashboardSummary } from "@/server/dashboard/get-dashboard-summary";
import { createMunicipality, createResident } from "../factories";

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
