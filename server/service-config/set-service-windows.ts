import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { hhmmToMinute, ZServiceWindowForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/**
 * Replaces the windows of one type (or all types) on one day class. "closed" stores no row for the day class
 * while keeping the type's other rows — in windowsFor a type with rows of its own is closed on day classes
 * without one, which is how 戸籍 on weekdays only is expressed.
 */
export async function setServiceWindows({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const v = parseInput(ZServiceWindowForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const municipalityId = tctx.municipalityId!;
  const certificateType = v.certificateType === "all" ? null : toDbCertificateType(v.certificateType);
  const window = v.closed ? null : { startMinute: hhmmToMinute(v.start), endMinute: hhmmToMinute(v.end) };
  await withTenant(tctx, async (tx) => {
    await tx.serviceWindow.deleteMany({ where: { municipalityId, certificateType, dayClass: v.dayClass } });
    if (window) await tx.serviceWindow.create({ data: { municipalityId, certificateType, dayClass: v.dayClass, ...window } });
    await writeAuditEvent(tx, tctx, {
      action: "service_window.set",
      targetType: "ServiceWindow",
      details: { certificateType: v.certificateType, dayClass: v.dayClass, closed: v.closed, ...(window ?? {}) },
    });
  });
}
