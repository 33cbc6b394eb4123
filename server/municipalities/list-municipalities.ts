import "server-only";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";

/** Every municipality, by code (operator only). */
export async function listMunicipalities({ ctx }: { ctx: RequestContext }): Promise<MunicipalityDto[]> {
  requirePermission(ctx, "municipalities:manage");
  const rows = await withTenant(ctx, (tx) => tx.municipality.findMany({ select: municipalityDtoSelect, orderBy: { code: "asc" } }));
  return rows.map(toMunicipalityDto);
}
