import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { ZClearServiceWindows } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/** Removes the windows of one type (or all types) on a day class: the general rule applies again. */
export async function clearServiceWindows({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const v = parseInput(ZClearServiceWindows, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const municipalityId = tctx.municipalityId!;
  const certificateType = v.certificateType === "all" ? null : toDbCertificateType(v.certificateType);
  await withTenant(tctx, async (tx) => {
    const { count } = await tx.serviceWindow.deleteMany({ where: { municipalityId, certificateType, dayClass: v.dayClass } });
    await writeAuditEvent(tx, tctx, {
      action: "service_window.clear",
      targetType: "ServiceWindow",
      details: { certificateType: v.certificateType, dayClass: v.dayClass, removed: count },
    });
  });
}
