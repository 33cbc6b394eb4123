import "server-only";
import crypto from "node:crypto";
import { recipientList, ZAlertSettings, type AlertSettingsInput } from "@/lib/schemas/alerts";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { encryptField, FieldContext } from "../crypto/field-encryption";
import { withTenant } from "../db/tenant";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { webhookKeyId } from "./deliver-alerts";

export type AlertSettingsSaved = {
  recipients: number;
  webhook: boolean;
  /** The new webhook secret, returned once (a first webhook, or a rotation); stored encrypted only. */
  secret: string | null;
  keyId: string | null;
};

/**
 * The municipal administrator sets who receives the municipality's alerts (docs/decisions/0016): e-mail
 * recipients and an optional webhook. A webhook's URL must be https (http://localhost only in demo mode and
 * tests); its secret is generated here, encrypted at rest and answered once. Audited with counts only.
 * Alerts raised later use the new settings; deliveries already queued keep their targets.
 */
export async function updateAlertSettings({ ctx, input, now = new Date() }: { ctx: RequestContext; input: AlertSettingsInput; now?: Date }): Promise<AlertSettingsSaved> {
  requirePermission(ctx, "alerts:manage");
  const municipalityId = requireMunicipality(ctx);
  const v = parseInput(ZAlertSettings, input, "the alert settings have errors");
  const recipients = recipientList(v.recipients);
  const webhookUrl = v.webhookUrl === "" ? null : v.webhookUrl;
  if (webhookUrl?.toLowerCase().startsWith("http:")) {
    const env = getEnv();
    if (!(env.KONBINI_DEMO === true || env.NODE_ENV === "test")) {
      throw new AppError("alert_webhook_url_not_allowed", "a plain-http webhook is accepted only in demo mode and tests", { details: { field: "webhookUrl" } });
    }
  }
  return withTenant(ctx, async (tx) => {
    const existing = await tx.alertSettings.findUnique({ where: { municipalityId }, select: { webhookSecretCipher: true } });
    const m = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { code: true } });
    const secret = webhookUrl && (!existing?.webhookSecretCipher || v.rotateSecret) ? crypto.randomBytes(32).toString("base64url") : null;
    const webhookSecretCipher = !webhookUrl ? null : secret ? encryptField(secret, FieldContext.alertWebhookSecret(municipalityId)).cipher : existing!.webhookSecretCipher;
    const data = { recipients, webhookUrl, webhookSecretCipher, updatedAt: now, updatedById: ctx.actor.type === "staff" ? ctx.actor.id : null };
    await tx.alertSettings.upsert({ where: { municipalityId }, create: { municipalityId, ...data }, update: data });
    await writeAuditEvent(tx, ctx, {
      action: "alert_settings.update",
      targetType: "Municipality",
      targetId: municipalityId,
      details: { recipients: recipients.length, webhook: webhookUrl !== null, secretGenerated: secret !== null },
    });
    return { recipients: recipients.length, webhook: webhookUrl !== null, secret, keyId: webhookUrl ? webhookKeyId(m.code) : null };
  });
}
