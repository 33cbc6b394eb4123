import "server-only";
import { ZTaxYearPolicyForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/** The fiscal-year policy of tax certificates: the MM-DD the new 年度 appears and how many 年度 are offered. */
export async function updateTaxYearPolicy({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const v = parseInput(ZTaxYearPolicyForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  await withTenant(tctx, async (tx) => {
    await tx.municipality.update({
      where: { id: tctx.municipalityId! },
      data: { taxYearSwitchDate: v.taxYearSwitchDate, taxYearsOffered: v.taxYearsOffered },
    });
    await writeAuditEvent(tx, tctx, {
      action: "service_config.tax_year_policy_update",
      targetType: "Municipality",
      targetId: tctx.municipalityId!,
      details: { taxYearSwitchDate: v.taxYearSwitchDate, taxYearsOffered: v.taxYearsOffered },
    });
  });
}
