import "server-only";
import { splitIssuanceNos, ZAddIncidentIssuances, type AddIncidentIssuancesInput } from "@/lib/schemas/issuance-void";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { linkIssuances, lockIncidentForLinks, type LinkResult } from "./link-issuances";

/**
 * Lists issuances (by 発行番号) as affected by an incident, so that they can be voided and recalled together.
 * All or nothing: a number that is not an issuance of the incident's municipality refuses the whole list
 * (`issuance_numbers_unknown` naming them). Numbers listed already (or the incident's own issuance) are skipped.
 */
export async function addIncidentIssuances({ ctx, input, now = new Date() }: { ctx: RequestContext; input: AddIncidentIssuancesInput; now?: Date }): Promise<LinkResult> {
  requirePermission(ctx, "incidents:handle");
  const parsed = parseInput(ZAddIncidentIssuances, input, "invalid issuance list");
  const issuanceNos = splitIssuanceNos(parsed.issuanceNos);
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncidentForLinks(tx, ctx, parsed.incidentId);
    const found = incident.municipalityId
      ? await tx.issuance.findMany({ where: { issuanceNo: { in: issuanceNos }, municipalityId: incident.municipalityId }, select: { id: true, issuanceNo: true } })
      : [];
    const unknown = issuanceNos.filter((no) => !found.some((f) => f.issuanceNo === no));
    if (unknown.length || !incident.municipalityId) {
      throw new AppError("issuance_numbers_unknown", `${unknown.length} issuance numbers are not issuances of the incident's municipality`, { details: { unknown } });
    }
    return linkIssuances(tx, ctx, { ...incident, municipalityId: incident.municipalityId }, found, now, "numbers");
  });
}
