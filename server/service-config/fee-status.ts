import "server-only";
import type { FeeRow } from "../fees/fee-in-force";

export type FeeStatus = "in_force" | "scheduled" | "overridden" | "ended";

/**
 * Classifies fee rows of one certificate type at `now`, by the same rule as feeInForce: the latest running
 * campaign wins, else the latest running standard fee. A running standard fee under a campaign is "overridden";
 * a standard fee replaced by a later one is "ended".
 */
export function classifyFees<T extends FeeRow>(rows: readonly T[], now: Date): Array<T & { status: FeeStatus }> {
  const running = (r: FeeRow) => r.effectiveFrom <= now && (r.effectiveUntil === null || now < r.effectiveUntil);
  const latest = (kind: FeeRow["kind"]) =>
    rows.filter((r) => r.kind === kind && running(r)).sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0];
  const campaign = latest("campaign");
  const standard = latest("standard");
  const winner = campaign ?? standard;
  return rows.map((r) => {
    let status: FeeStatus;
    if (r === winner) status = "in_force";
    else if (r.effectiveFrom > now) status = "scheduled";
    else if (r === standard) status = "overridden";
    else status = "ended";
    return { ...r, status };
  });
}
