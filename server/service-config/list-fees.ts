import "server-only";
import { fromDbCertificateType, toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import { ZListFees } from "@/lib/schemas/service-config";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { classifyFees, type FeeStatus } from "./fee-status";
import { targetContext } from "./target-municipality";
import { parseInput } from "../parse-input";

export type FeeDto = {
  id: string;
  certificateType: CertificateTypeId;
  kind: "standard" | "campaign";
  amount: number;
  effectiveFrom: Date;
  /** Exclusive end instant (00:00 JST of the day after a campaign's last day); null = open-ended. */
  effectiveUntil: Date | null;
  note: string | null;
  status: FeeStatus;
};

/** Past, current and future fees, newest first, each marked with whether it is the one in force at `now`. */
export async function listFees({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<FeeDto[]> {
  const v = parseInput(ZListFees, input ?? {});
  const tctx = await targetContext(ctx, v.municipalityId, "service:read");
  const rows = await withTenant(tctx, (tx) =>
    tx.fee.findMany({
      where: { municipalityId: tctx.municipalityId!, ...(v.certificateType ? { certificateType: toDbCertificateType(v.certificateType) } : {}) },
      orderBy: [{ certificateType: "asc" }, { effectiveFrom: "desc" }],
    }),
  );
  const byType = new Map<string, typeof rows>();
  for (const r of rows) byType.set(r.certificateType, [...(byType.get(r.certificateType) ?? []), r]);
  return [...byType.values()].flatMap((group) =>
    classifyFees(group, now).map((r) => ({
      id: r.id,
      certificateType: fromDbCertificateType(r.certificateType),
      kind: r.kind,
      amount: r.amount,
      effectiveFrom: r.effectiveFrom,
      effectiveUntil: r.effectiveUntil,
      note: r.note,
      status: r.status,
    })),
  );
}
