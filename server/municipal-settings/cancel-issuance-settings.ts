import "server-only";
import { ZCancelIssuanceSettings } from "@/lib/schemas/municipal-settings";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { pickIssuanceSettings } from "./issuance-settings-in-force";

/**
 * Cancels a scheduled change of the issuance settings before its effective instant. A version in force (or
 * past) stays: it explains the answers given under it; a new change follows it instead.
 */
export async function cancelIssuanceSettings({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<void> {
  const v = parseInput(ZCancelIssuanceSettings, input);
  const tctx = await targetContext(ctx, v.municipalityId, "settings:edit");
  await withTenant(tctx, async (tx) => {
    const row = await tx.issuanceSettingsVersion.findFirst({ where: { id: v.versionId, municipalityId: tctx.municipalityId! } });
    if (!row) throw new AppError("not_found", "no such scheduled change");
    if (row.effectiveFrom <= now) throw new AppError("setting_change_in_force", "the change is already in force");
    await tx.issuanceSettingsVersion.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, tctx, {
      action: "municipal_settings.cancel",
      targetType: "IssuanceSettingsVersion",
      targetId: row.id,
      details: { effectiveFrom: row.effectiveFrom.toISOString(), cancelled: pickIssuanceSettings(row) },
    });
  });
}
