import "server-only";
import { z } from "zod";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { municipalityDtoSelect, toMunicipalityDto, type MunicipalityDto } from "./municipality-dto";
import { parseInput } from "../parse-input";

const ZInput = z.object({ code: ZMunicipalityCode });

/** One municipality by its 団体コード (operator only). */
export async function getMunicipality({ ctx, input }: { ctx: RequestContext; input: { code: string } }): Promise<MunicipalityDto> {
  requirePermission(ctx, "municipalities:manage");
  const { code } = parseInput(ZInput, input);
  const m = await withTenant(ctx, (tx) => tx.municipality.findUnique({ where: { code }, select: municipalityDtoSelect }));
  if (!m) throw new AppError("not_found", "no municipality has this code");
  return toMunicipalityDto(m);
}
