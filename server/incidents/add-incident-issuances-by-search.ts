import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { jstInstant } from "@/lib/jst";
import { MAX_SEARCH_LINKS, TOO_MANY_MATCHES, ZAddIncidentIssuancesBySearch, type AddIncidentIssuancesBySearchInput } from "@/lib/schemas/issuance-void";
import { requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { parseInput } from "../parse-input";
import { linkIssuances, lockIncidentForLinks, type LinkResult } from "./link-issuances";

/**
 * Lists as affected every issuance of the incident's municipality created in [from, to) (JST), optionally of one
 * certificate type and terminal — e.g. all that a misconfigured terminal printed. More than MAX_SEARCH_LINKS
 * matches refuse the search (narrow it) rather than add part of them.
 */
export async function addIncidentIssuancesBySearch({ ctx, input, now = new Date() }: { ctx: RequestContext; input: AddIncidentIssuancesBySearchInput; now?: Date }): Promise<LinkResult> {
  requirePermission(ctx, "incidents:handle");
  const q = parseInput(ZAddIncidentIssuancesBySearch, input, "invalid issuance search");
  return withTenant(ctx, async (tx) => {
    const incident = await lockIncidentForLinks(tx, ctx, q.incidentId);
    if (!incident.municipalityId) throw new AppError("issuance_numbers_unknown", "a platform incident lists no issuances", { details: { unknown: [] } });
    const where: Prisma.IssuanceWhereInput = { municipalityId: incident.municipalityId, renderedAt: { gte: jstInstant(q.from), lt: jstInstant(q.to) } };
    if (q.type) where.certificateType = toDbCertificateType(q.type);
    if (q.terminalId) where.terminalId = q.terminalId;
    const found = await tx.issuance.findMany({ where, select: { id: true, issuanceNo: true }, take: MAX_SEARCH_LINKS + 1 });
    if (found.length > MAX_SEARCH_LINKS) {
      throw new AppError("validation_failed", `more than ${MAX_SEARCH_LINKS} issuances match`, { details: { errors: [{ path: "to", message: TOO_MANY_MATCHES }] } });
    }
    return linkIssuances(tx, ctx, { ...incident, municipalityId: incident.municipalityId }, found, now, "search");
  });
}
