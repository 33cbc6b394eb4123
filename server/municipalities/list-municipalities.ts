import "server-only";
import { requireRole, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";

/** Every municipality, by code (operator only). */
export async function listMunicipalities({ ctx }: { ctx: RequestContext }): Promise<MunicipalityDto[]> {
  requireRole(ctx, "operator");
  const rows = await withTenant(ctx, (tx) => tx.municipality.findMany({ select: municipalityDtoSelect, orderBy: { code: "asc" } }));
  return rows.map(toMunicipalityDto);
}
