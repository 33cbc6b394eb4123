import "server-only";

// Fees change by ordinance or campaign at a given instant (JST midnight in practice) without a restart:
// the fee is read at request time. A campaign fee overrides the standard fee while it runs.
export type FeeRow = { kind: "standard" | "campaign"; amount: number; effectiveFrom: Date; effectiveUntil: Date | null };

export function feeInForce(rows: readonly FeeRow[], at: Date): number | null {
  const running = (r: FeeRow) => r.effectiveFrom <= at && (r.effectiveUntil === null || at < r.effectiveUntil);
  const latest = (kind: FeeRow["kind"]) =>
    rows.filter((r) => r.kind === kind && running(r)).sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0];
  return (latest("campaign") ?? latest("standard"))?.amount ?? null;
}

export function totalFee(feePerCopy: number, copies: number): number {
  return feePerCopy * copies;
}
