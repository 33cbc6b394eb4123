import "server-only";
import { can } from "@/lib/permissions";
import { z } from "zod";
import { ZMunicipalityCode } from "@/lib/schemas/identifiers";
import type { RequestContext } from "../context";
import { jstDateString } from "@/lib/jst";
import { readSignatory } from "../db/read-image";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

const ZInput = z.object({ code: ZMunicipalityCode });

/**
 * The 公印 image for the seal route: the operator for any municipality, other staff only for their own. Another
 * municipality's code is `not_found` whether or not it exists (the answer does not reveal which codes exist).
 */
export async function getOfficialSeal({ ctx, input, now = new Date() }: { ctx: RequestContext; input: { code: string }; now?: Date }): Promise<{ image: Uint8Array; mime: string }> {
  if (ctx.actor.type !== "staff") throw new AppError("forbidden", "the seal image is for staff");
  const { code } = parseInput(ZInput, input);
  const isOperator = can(ctx.actor.role, "all-municipalities");
  // Guard: a missing tenant must never widen the query for non-operators.
  if (!isOperator && !ctx.municipalityId) throw new AppError("forbidden", "this staff member has no municipality");
  const image = await withTenant(ctx, async (tx) => {
    const m = await tx.municipality.findFirst({ where: isOperator ? { code } : { code, id: ctx.municipalityId! }, select: { id: true } });
    // The 公印 certificates print today (docs/decisions/0015).
    return m ? (await readSignatory(tx, m.id, jstDateString(now)))?.sealImage : null;
  });
  if (!image?.byteLength) throw new AppError("not_found", "no seal image");
  return { image, mime: "image/png" };
}
