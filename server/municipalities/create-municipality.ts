import "server-only";
import { ZMunicipalityForm, type MunicipalityFormInput } from "@/lib/schemas/municipality";
import { writeAuditEvent } from "../audit/write-audit-event";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { CertificateType } from "../generated/prisma/enums";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";

/**
 * Registers a municipality (status 準備中) together with one CertificateOffering per certificate type, all
 * disabled, so its administrators can configure and switch on the services they offer. Operator only.
 */
export async function createMunicipality({ ctx, input }: { ctx: RequestContext; input: MunicipalityFormInput }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const data = parseInput(ZMunicipalityForm, input);
  return withTenant(ctx, async (tx) => {
    const existing = await tx.municipality.findUnique({ where: { code: data.code }, select: { id: true } });
    if (existing) throw new AppError("municipality_code_taken", "a municipality with this code exists");
    const m = await tx.municipality.create({ data: { ...data, status: "preparing" }, select: municipalityDtoSelect });
    await tx.certificateOffering.createMany({
      data: Object.values(CertificateType).map((certificateType) => ({ municipalityId: m.id, certificateType, enabled: false })),
    });
    await writeAuditEvent(tx, ctx, {
      action: "municipality.create",
      targetType: "Municipality",
      targetId: m.id,
      details: { code: m.code },
      municipalityId: m.id,
    });
    return toMunicipalityDto(m);
  });
}
