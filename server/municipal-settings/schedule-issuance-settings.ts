import "server-only";
import { jstDateString, jstMidnight } from "@/lib/jst";
import { ZIssuanceSettingsForm } from "@/lib/schemas/municipal-settings";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { loadIssuanceSettings, pickIssuanceSettings } from "./issuance-settings-in-force";

/**
 * Schedules the issuance settings (usable from the next day, name and address limits, adult wards) from 00:00
 * JST of a day, today or later; today's change applies from now, never to the hours already past. Each version
 * holds the full set. Choosing again a future day that already has a scheduled version replaces it. The audit
 * event carries the values before and after (settings, not personal data).
 */
export async function scheduleIssuanceSettings({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string; effectiveFrom: Date }> {
  const v = parseInput(ZIssuanceSettingsForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "settings:edit");
  const today = jstDateString(now);
  if (v.effectiveFrom < today) throw new AppError("setting_date_in_past", "the effective day is before today");
  const effectiveFrom = v.effectiveFrom === today ? now : jstMidnight(v.effectiveFrom);
  const values = pickIssuanceSettings(v);
  return withTenant(tctx, async (tx) => {
    const municipalityId = tctx.municipalityId!;
    const municipality = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, omit: { sealImage: true } });
    const replaced = effectiveFrom > now ? await tx.issuanceSettingsVersion.findUnique({ where: { municipalityId_effectiveFrom: { municipalityId, effectiveFrom } } }) : null;
    if (replaced) await tx.issuanceSettingsVersion.delete({ where: { id: replaced.id } });
    const before = replaced ? pickIssuanceSettings(replaced) : pickIssuanceSettings(await loadIssuanceSettings(tx, municipality, new Date(effectiveFrom.getTime() - 1)));
    const row = await tx.issuanceSettingsVersion.create({
      data: { municipalityId, effectiveFrom, ...values, createdById: ctx.actor.type === "staff" ? ctx.actor.id : null },
    });
    await writeAuditEvent(tx, tctx, {
      action: "municipal_settings.schedule",
      targetType: "IssuanceSettingsVersion",
      targetId: row.id,
      details: { effectiveFrom: effectiveFrom.toISOString(), old: before, new: values, replacedVersionId: replaced?.id ?? null },
    });
    return { id: row.id, effectiveFrom };
  });
}
