import "server-only";
import { ZOperationalSettingsForm } from "@/lib/schemas/municipal-settings";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";

const SELECT = { pdfRetentionHours: true, registrationReviewDays: true, yearEndClosure: true } as const;

/**
 * Settings that do not change a certificate's content and apply from saving: how long a rendered PDF is kept
 * (issuances rendered from now on), the review days of a 利用登録 (applications received from now on), and
 * whether the kiosk service closes 12/29–1/3. Audited with the values before and after.
 */
export async function updateOperationalSettings({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<void> {
  const v = parseInput(ZOperationalSettingsForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "settings:edit");
  await withTenant(tctx, async (tx) => {
    const id = tctx.municipalityId!;
    const old = await tx.municipality.findUniqueOrThrow({ where: { id }, select: SELECT });
    const next = { pdfRetentionHours: v.pdfRetentionHours, registrationReviewDays: v.registrationReviewDays, yearEndClosure: v.yearEndClosure };
    await tx.municipality.update({ where: { id }, data: next });
    await writeAuditEvent(tx, tctx, { action: "municipal_settings.update_operational", targetType: "Municipality", targetId: id, details: { old, new: next } });
  });
}
