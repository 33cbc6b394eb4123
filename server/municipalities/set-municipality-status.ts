import "server-only";
import { ZMunicipalityStatusChange, type MunicipalityStatusChangeInput } from "@/lib/schemas/municipality";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requireRole, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "./parse-input";

/** Moves a municipality between 準備中, 稼働中 and 停止中. Operator only. */
export async function setMunicipalityStatus({ ctx, input }: { ctx: RequestContext; input: MunicipalityStatusChangeInput }): Promise<MunicipalityDto> {
  requireRole(ctx, "operator");
  const { code, status } = parseInput(ZMunicipalityStatusChange, input);
  return withTenant(ctx, async (tx) => {
    const before = await tx.municipality.findUnique({ where: { code }, select: { id: true, status: true } });
    if (!before) throw new AppError("not_found", "no municipality has this code");
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
