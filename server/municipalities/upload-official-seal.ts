import "server-only";
import { z } from "zod";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { SEAL_MAX_BYTES, SEAL_MAX_PIXELS, SEAL_MIN_PIXELS } from "@/lib/schemas/municipality";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";
import { readPngSize } from "./read-png-size";

const ZInput = z.object({ code: ZMunicipalityCode, image: z.instanceof(Uint8Array) });

/**
 * Replaces a municipality's 公印 (printed on every certificate). Only a real PNG is accepted: at most 1 MB,
 * the PNG signature and chunk structure, and sensible dimensions; the Content-Type a browser claims is not
 * trusted. Operator only. It replaces, never removes: an empty upload is refused, so a 稼働中 municipality
 * (which must have a 公印, see set-municipality-status.ts) always keeps a valid one.
 */
export async function uploadOfficialSeal({ ctx, input }: { ctx: RequestContext; input: { code: string; image: Uint8Array } }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const { code, image } = parseInput(ZInput, input);
  if (image.byteLength === 0) throw new AppError("seal_missing", "no image was sent");
  if (image.byteLength > SEAL_MAX_BYTES) throw new AppError("seal_too_large", "the seal image exceeds 1 MB");
  const size = readPngSize(image);
  if (!size) throw new AppError("seal_not_png", "the seal image is not a PNG");
  const { width, height } = size;
  if (Math.min(width, height) < SEAL_MIN_PIXELS || Math.max(width, height) > SEAL_MAX_PIXELS) {
    throw new AppError("seal_bad_dimensions", "the seal image dimensions are out of range", { details: { width, height } });
  }
  return withTenant(ctx, async (tx) => {
    const before = await tx.municipality.findUnique({ where: { code }, select: { id: true } });
    if (!before) throw new AppError("not_found", "no municipality has this code");
    const m = await tx.municipality.update({
      where: { id: before.id },
      data: { sealImage: new Uint8Array(image), sealImageMime: "image/png" },
      select: municipalityDtoSelect,
    });
    await writeAuditEvent(tx, ctx, {
      action: "municipality.upload_seal",
      targetType: "Municipality",
      targetId: m.id,
      details: { code, bytes: image.byteLength, width, height },
      municipalityId: m.id,
    });
    return toMunicipalityDto(m);
  });
}
