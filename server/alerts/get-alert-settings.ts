import "server-only";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { webhookKeyId } from "./deliver-alerts";

export type AlertSettingsView = { recipients: string[]; webhookUrl: string | null; keyId: string | null; hasSecret: boolean; updatedAt: string | null };

/** The municipality's alert settings for its administrator's form (never the secret). */
export async function getAlertSettings({ ctx }: { ctx: RequestContext }): Promise<AlertSettingsView> {
  requirePermission(ctx, "alerts:manage");
  const municipalityId = requireMunicipality(ctx);
  return withTenant(ctx, async (tx) => {
    const m = await tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { code: true, alertSettings: true } });
    const s = m.alertSettings;
    return {
      recipients: s?.recipients ?? [],
      webhookUrl: s?.webhookUrl ?? null,
      keyId: s?.webhookUrl ? webhookKeyId(m.code) : null,
      hasSecret: Boolean(s?.webhookSecretCipher),
      updatedAt: s?.updatedAt.toISOString() ?? null,
    };
  });
}
