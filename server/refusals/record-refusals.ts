import "server-only";
import { toDbCertificateType, type CertificateTypeId } from "@/lib/certificate-types";
import type { RefusalCode } from "@/lib/refusal-reasons";
import type { Tx } from "../db";
import { konbiniMetrics } from "../metrics/metrics";

/** One refused certificate type, as recorded: codes and the centre's identifiers only, never free text. */
export type RefusalRecord = {
  municipalityId: string;
  source: "eligibility" | "issuance";
  reason: RefusalCode;
  certificateType: CertificateTypeId;
  refusedAt: Date;
  terminal: { storeChain: string; storeCode: string; terminalId: string };
  /** The requester when a resident of `municipalityId`; null otherwise. */
  residentId: string | null;
};

/** Records refusals inside the caller's tenant transaction (the eligibility answer records its own in its transaction). */
export async function recordRefusals(tx: Tx, rows: RefusalRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await tx.refusal.createMany({
    data: rows.map((r) => ({
      municipalityId: r.municipalityId,
      source: r.source,
      reason: r.reason,
      certificateType: toDbCertificateType(r.certificateType),
      refusedAt: r.refusedAt,
      storeChain: r.terminal.storeChain,
      storeCode: r.terminal.storeCode,
      terminalId: r.terminal.terminalId,
      residentId: r.residentId,
    })),
  });
  for (const r of rows) konbiniMetrics().refusals.inc({ code: r.reason, source: r.source });
  return count;
}
