import "server-only";
import { ZMunicipalityStatusChange, type MunicipalityStatusChangeInput } from "@/lib/schemas/municipality";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { jstDateString } from "@/lib/jst";
import { hasOfficialSealOn } from "../db/read-image";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";

/**
 * Moves a municipality between 準備中, 稼働中 and 停止中. Operator only. Every certificate prints the 公印
 * (DOMAIN.md §7), so a municipality without a 公印 image cannot be set 稼働中 (`official_seal_required`).
 */
export async function setMunicipalityStatus({ ctx, input, now = new Date() }: { ctx: RequestContext; input: MunicipalityStatusChangeInput; now?: Date }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const { code, status } = parseInput(ZMunicipalityStatusChange, input);
  return withTenant(ctx, async (tx) => {
    const before = await tx.municipality.findUnique({ where: { code }, select: { id: true, status: true } });
    if (!before) throw new AppError("not_found", "no municipality has this code");
    // A 公印 in force today (docs/decisions/0015): one uploaded for a later day does not yet count.
    if (status === "active" && !(await hasOfficialSealOn(tx, before.id, jstDateString(now)))) {
      throw new AppError("official_seal_required", "a municipality without an official seal image cannot be set active");
    }
    const m = await tx.municipality.update({ where: { id: before.id }, data: { status }, select: municipalityDtoSelect });
    await writeAuditEvent(tx, ctx, {
      action: "municipality.set_status",
      targetType: "Municipality",
      targetId: m.id,
      details: { code, from: before.status, to: status },
      municipalityId: m.id,
    });
    return toMunicipalityDto(m);
  });
}
