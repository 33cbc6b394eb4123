import "server-only";
import { z } from "zod";
import { ZOfficialSealUpload } from "@/lib/schemas/mayor-and-seal";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { checkSealImage, insertOfficialSeal, lockAndStartHistory, requireNotPast } from "./history";

const ZInput = ZOfficialSealUpload.extend({ image: z.instanceof(Uint8Array) });

/**
 * Records a new 公印 (a PNG, checked as the operator's upload is) in force from a JST day on, today or later:
 * certificates of that day and after print it, earlier ones keep the previous image (docs/decisions/0015). The
 * audit event names the image by its SHA-256 and size, never its bytes. The municipality's administrator, or
 * the operator naming it.
 */
export async function recordOfficialSeal({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string }> {
  const v = parseInput(ZInput, input);
  const tctx = await targetContext(ctx, v.municipalityId, "mayor-and-seal:record");
  const municipalityId = tctx.municipalityId!;
  const { inForceNow } = requireNotPast(v.effectiveFrom, now);
  const checked = checkSealImage(v.image);
  return withTenant(tctx, async (tx) => {
    await lockAndStartHistory(tx, municipalityId);
    const recordedById = tctx.actor.type === "staff" ? tctx.actor.id : null;
    const row = await insertOfficialSeal(tx, { municipalityId, effectiveFrom: v.effectiveFrom, inForceNow, image: v.image, checked, recordedById });
    await writeAuditEvent(tx, tctx, {
      action: "official_seal.record",
      targetType: "OfficialSeal",
      targetId: row.id,
      details: { effectiveFrom: v.effectiveFrom, inForceNow, sha256: checked.sha256, bytes: v.image.byteLength, width: checked.width, height: checked.height },
    });
    return row;
  });
}
