import "server-only";
import { z } from "zod";
import { jstDateString } from "@/lib/jst";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { checkSealImage, insertOfficialSeal, lockAndStartHistory } from "../mayor-and-seal/history";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";

const ZInput = z.object({ code: ZMunicipalityCode, image: z.instanceof(Uint8Array) });

/**
 * The operator's 公印 upload on the municipality page (printed on every certificate): a new 公印 history entry
 * in force from today (docs/decisions/0015; another day: the 「市区町村長と公印」 page). Only a real PNG is
 * accepted: at most 1 MB, the PNG signature and chunk structure, and sensible dimensions; the Content-Type a
 * browser claims is not trusted. It adds, never removes: an empty upload is refused, so a 稼働中 municipality
 * (which must have a 公印, see set-municipality-status.ts) always keeps a valid one.
 */
export async function uploadOfficialSeal({ ctx, input, now = new Date() }: { ctx: RequestContext; input: { code: string; image: Uint8Array }; now?: Date }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const { code, image } = parseInput(ZInput, input);
  const checked = checkSealImage(image);
  const { width, height, sha256 } = checked;
  const effectiveFrom = jstDateString(now);
  return withTenant(ctx, async (tx) => {
    const before = await tx.municipality.findUnique({ where: { code }, select: { id: true } });
    if (!before) throw new AppError("not_found", "no municipality has this code");
    await lockAndStartHistory(tx, before.id);
    const recordedById = ctx.actor.type === "staff" ? ctx.actor.id : null;
    await insertOfficialSeal(tx, { municipalityId: before.id, effectiveFrom, inForceNow: true, image, checked, recordedById });
    const m = await tx.municipality.findUniqueOrThrow({ where: { id: before.id }, select: municipalityDtoSelect });
    await writeAuditEvent(tx, ctx, {
      action: "municipality.upload_seal",
      targetType: "Municipality",
      targetId: m.id,
      details: { code, bytes: image.byteLength, width, height, sha256, effectiveFrom },
      municipalityId: m.id,
    });
    return toMunicipalityDto(m);
  });
}
