import "server-only";
import { toDbCertificateType } from "@/lib/certificate-types";
import { jstInstant } from "@/lib/jst";
import { ZScheduleFeeForm } from "@/lib/schemas/service-config";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { AppError } from "../errors";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Schedules a fee from 00:00 JST of a future day. Fees are never edited or back-dated: issued certificates keep
 * the fee they were charged, and the issuance path picks the row in force at request time (feeInForce). A
 * campaign runs until the end (24:00 JST) of its last day and overrides the standard fee meanwhile.
 */
export async function scheduleFee({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<{ id: string }> {
  const v = parseInput(ZScheduleFeeForm, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:edit");
  const effectiveFrom = jstInstant(v.effectiveFrom);
  if (effectiveFrom <= now) throw new AppError("fee_in_past", "a fee can only be scheduled from a future day");
  const effectiveUntil = v.kind === "campaign" ? new Date(jstInstant(v.effectiveUntil!).getTime() + DAY_MS) : null;
  return withTenant(tctx, async (tx) => {
    const row = await tx.fee.create({
      data: {
        municipalityId: tctx.municipalityId!,
        certificateType: toDbCertificateType(v.certificateType),
        kind: v.kind,
        amount: v.amount,
        effectiveFrom,
        effectiveUntil,
        note: v.note || null,
      },
    });
    await writeAuditEvent(tx, tctx, {
      action: "fee.schedule",
      targetType: "Fee",
      targetId: row.id,
      details: { certificateType: v.certificateType, kind: v.kind, amount: v.amount, effectiveFrom: effectiveFrom.toISOString(), effectiveUntil: effectiveUntil?.toISOString() ?? null },
    });
    return { id: row.id };
  });
}
