import "server-only";
import { ZVoidIssuance, type VoidIssuanceInput } from "@/lib/schemas/issuance-void";
import { requireMunicipality, requirePermission, type RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { applyVoid, type VoidedIssuance } from "./apply-void";

/**
 * A municipal administrator declares one printed issuance of their municipality void (誤交付, 再発行, その他 with
 * text). Final: a second void is `issuance_already_void` and the first stays as it was; there is no un-void.
 * /verify answers 無効 from the next lookup on (docs/decisions/0012-void-and-recall.md).
 */
export async function voidIssuance({ ctx, input, now = new Date() }: { ctx: RequestContext; input: VoidIssuanceInput; now?: Date }): Promise<VoidedIssuance> {
  requirePermission(ctx, "issuances:void");
  const municipalityId = requireMunicipality(ctx);
  const { issuanceId, reason, note } = parseInput(ZVoidIssuance, input, "invalid void request");
  return withTenant(ctx, async (tx) => {
    const [voided] = await applyVoid(tx, ctx, municipalityId, [issuanceId], { reason, note }, now);
    return voided;
  });
}
