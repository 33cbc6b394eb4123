import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { ZOfferingForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

/** Enables or disables a certificate type and sets its copy limit and options; read live by issuance. */
export async function updateOffering({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<{ id: string }> {
  const v = parseInput(ZOfferingForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const municipalityId = tctx.municipalityId!;
  const certificateType = toDbCertificateType(v.certificateType);
  const data = {
    enabled: v.enabled,
    copyLimit: v.copyLimit,
    allowMyNumber: v.allowMyNumber,
    allowJoseki: v.allowJoseki,
    allowKaiseiGenkoseki: v.allowKaiseiGenkoseki,
  };
  return withTenant(tctx, async (tx) => {
    const row = await tx.certificateOffering.upsert({
      where: { municipalityId_certificateType: { municipalityId, certificateType } },
      create: { municipalityId, certificateType, ...data },
      update: data,
    });
    await writeAuditEvent(tx, tctx, {
      action: "service_config.offering_update",
      targetType: "CertificateOffering",
      targetId: row.id,
      details: { certificateType: v.certificateType, ...data },
    });
    return { id: row.id };
  });
}
