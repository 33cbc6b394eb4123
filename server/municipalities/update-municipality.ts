import "server-only";
import { ZMunicipalityUpdate, type MunicipalityFormInput } from "@/lib/schemas/municipality";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";

/** Changes a municipality's names, prefecture and kind (the code stays; the mayor has its history: server/mayor-and-seal/). Operator only. */
export async function updateMunicipality({ ctx, input }: { ctx: RequestContext; input: MunicipalityFormInput }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const { code, ...fields } = parseInput(ZMunicipalityUpdate, input);
  return withTenant(ctx, async (tx) => {
    const before = await tx.municipality.findUnique({ where: { code }, select: { id: true } });
    if (!before) throw new AppError("not_found", "no municipality has this code");
    const m = await tx.municipality.update({ where: { id: before.id }, data: fields, select: municipalityDtoSelect });
    await writeAuditEvent(tx, ctx, {
      action: "municipality.update",
      targetType: "Municipality",
      targetId: m.id,
      // Field names only: the values (mayor's name) stay out of the audit details.
      details: { code, fields: Object.keys(fields).sort() },
      municipalityId: m.id,
    });
    return toMunicipalityDto(m);
  });
}
