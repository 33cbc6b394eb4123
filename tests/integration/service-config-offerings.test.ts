import { describe, expect, it } from "vitest";
import { ownerDb } from "@/tests/setup/owner-db";
import { getServiceConfig } from "@/server/service-config/get-service-config";
import { listTargetMunicipalities } from "@/server/service-config/target-municipality";
import { updateOffering } from "@/server/service-config/update-offering";
import { updateTaxYearPolicy } from "@/server/service-config/update-tax-year-policy";
import { auditActions, invalidWith, staffCtx, twoTenants } from "./service-config-helpers";

const residence = { certificateType: "residence", enabled: true, copyLimit: 3, allowMyNumber: true, allowJoseki: false, allowKaiseiGenkoseki: false };

describe("updateOffering", () => {
  it("lets the admin configure an offering, audited, and shows it in the config", async () => {
    const { a, adminA } = await twoTenants();
    await updateOffering({ ctx: adminA, input: residence });
    await updateOffering({ ctx: adminA, input: { ...residence, copyLimit: 20 } });
    const row = await ownerDb().certificateOffering.findUniqueOrThrow({ where: { municipalityId_certificateType: { municipalityId: a.id, certificateType: "residence" } } });
    expect(row).toMatchObject({ enabled: true, copyLimit: 20, allowMyNumber: true });
    expect(await auditActions(a.id)).toEqual(["service_config.offering_update", "service_config.offering_update"]);
    const config = await getServiceConfig({ ctx: adminA, input: {} });
    expect(config.offerings.find((o) => o.certificateType === "residence")).toMatchObject({ configured: true, copyLimit: 20 });
    expect(config.offerings.find((o) => o.certificateType === "seal")).toMatchObject({ configured: false, enabled: false });
    expect(config.canEdit).toBe(true);
  });

  it("validates the options per type and the copy limit", async () => {
    const { adminA } = await twoTenants();
    await expect(updateOffering({ ctx: adminA, input: { ...residence, certificateType: "seal" } })).rejects.toMatchObject(invalidWith(/住民票の写しでのみ/));
    await expect(updateOffering({ ctx: adminA, input: { ...residence, allowMyNumber: false, allowJoseki: true } })).rejects.toMatchObject(invalidWith(/戸籍の証明書でのみ/));
    await expect(updateOffering({ ctx: adminA, input: { ...residence, copyLimit: 21 } })).rejects.toMatchObject(invalidWith(/1〜20/));
    await expect(updateOffering({ ctx: adminA, input: { ...residence, copyLimit: 0 } })).rejects.toMatchObject(invalidWith(/1〜20/));
    await updateOffering({ ctx: adminA, input: { ...residence, certificateType: "koseki-full", allowMyNumber: false, allowJoseki: true, allowKaiseiGenkoseki: true } });
  });

  it("refuses another municipality, clerks and auditors, and changes nothing", async () => {
    const { a, b, adminA } = await twoTenants();
    await expect(updateOffering({ ctx: adminA, input: { ...residence, municipalityId: b.id } })).rejects.toMatchObject({ code: "forbidden" });
    for (const role of ["clerk", "auditor"] as const) {
      const ctx = await staffCtx(a.id, role);
      await expect(updateOffering({ ctx, input: residence })).rejects.toMatchObject({ code: "forbidden" });
      expect((await getServiceConfig({ ctx, input: {} })).canEdit).toBe(false);
    }
    expect(await ownerDb().certificateOffering.count({ where: { municipalityId: { in: [a.id, b.id] } } })).toBe(0);
    expect(await auditActions(b.id)).toEqual([]);
  });

  it("lets the operator act only for an explicitly chosen, existing municipality", async () => {
    const { b, operator } = await twoTenants();
    await expect(updateOffering({ ctx: operator, input: residence })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(updateOffering({ ctx: operator, input: { ...residence, municipalityId: "00000000-0000-7000-8000-00000000abcd" } })).rejects.toMatchObject({ code: "not_found" });
    await updateOffering({ ctx: operator, input: { ...residence, municipalityId: b.id } });
    expect(await auditActions(b.id)).toEqual(["service_config.offering_update"]);
    expect((await listTargetMunicipalities({ ctx: operator })).some((m) => m.id === b.id)).toBe(true);
  });

  it("getServiceConfig refuses another municipality", async () => {
    const { b, adminA } = await twoTenants();
    await expect(getServiceConfig({ ctx: adminA, input: { municipalityId: b.id } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await listTargetMunicipalities({ ctx: adminA })).toHaveLength(1);
  });
});

describe("updateTaxYearPolicy", () => {
  it("sets the switch date and years offered, audited; refuses bad values and other tenants", async () => {
    const { a, b, adminA } = await twoTenants();
    await updateTaxYearPolicy({ ctx: adminA, input: { taxYearSwitchDate: "06-15", taxYearsOffered: 3 } });
    expect(await ownerDb().municipality.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ taxYearSwitchDate: "06-15", taxYearsOffered: 3 });
    expect(await auditActions(a.id)).toEqual(["service_config.tax_year_policy_update"]);
    await expect(updateTaxYearPolicy({ ctx: adminA, input: { taxYearSwitchDate: "02-30", taxYearsOffered: 1 } })).rejects.toMatchObject(invalidWith(/正しい日付/));
    await expect(updateTaxYearPolicy({ ctx: adminA, input: { taxYearSwitchDate: "06-01", taxYearsOffered: 6 } })).rejects.toMatchObject(invalidWith(/1〜5/));
    await expect(updateTaxYearPolicy({ ctx: adminA, input: { municipalityId: b.id, taxYearSwitchDate: "07-01", taxYearsOffered: 2 } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await ownerDb().municipality.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ taxYearSwitchDate: "06-01", taxYearsOffered: 1 });
  });
});
