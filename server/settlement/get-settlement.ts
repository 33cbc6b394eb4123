import "server-only";
import { ZSettlementQuery } from "@/lib/schemas/statistics";
import type { RequestContext } from "../context";
import type { Tx } from "../db";
import { withTenant } from "../db/tenant";
import { monthDays } from "@/lib/months";
import { statsTarget, type StatsMunicipality } from "../stats/stats-target";
import { computeSettlement, type Settlement } from "./compute-settlement";
import { parseInput } from "../parse-input";

export type CommissionRateDto = { id: string; storeChain: string | null; amount: number; effectiveFrom: string; note: string | null; createdAt: string };
export type SettlementView = Settlement & {
  month: string;
  municipality: { id: string; code: string; name: string };
  defaultRate: number;
  rateHistory: CommissionRateDto[];
};

/** Loads and computes one municipality's settlement for a month inside the caller's tenant transaction. */
export async function loadSettlement(tx: Tx, municipality: StatsMunicipality, month: string): Promise<SettlementView> {
  const { first, next } = monthDays(month);
  const [usage, rates, counter] = await Promise.all([
    tx.$queryRaw<Array<{ day: string; storeChain: string; count: number; copies: number; feeTotal: number }>>`
      SELECT to_char("day", 'YYYY-MM-DD') AS day, "storeChain", sum("count")::int AS count, sum("copies")::int AS copies, sum("feeTotal")::int AS "feeTotal"
      FROM "UsageDaily" WHERE "municipalityId" = ${municipality.id}::uuid AND "day" >= ${first}::date AND "day" < ${next}::date
      GROUP BY 1, 2`,
    tx.commissionRate.findMany({ where: { municipalityId: municipality.id }, orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }] }),
    tx.counterIssuanceCount.findUnique({ where: { municipalityId_month: { municipalityId: municipality.id, month } } }),
  ]);
  const rateRows = rates.map((r) => ({ storeChain: r.storeChain, amount: r.amount, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) }));
  return {
    month,
    municipality: { id: municipality.id, code: municipality.code, name: municipality.name },
    defaultRate: municipality.commissionPerIssuance,
    rateHistory: rates.map((r) => ({ id: r.id, storeChain: r.storeChain, amount: r.amount, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10), note: r.note, createdAt: r.createdAt.toISOString() })),
    ...computeSettlement(usage, rateRows, municipality.commissionPerIssuance, counter?.copies ?? null),
  };
}

/** Settlement of one municipality and month: its own staff, or the operator naming the municipality. */
export async function getSettlement({ ctx, input }: { ctx: RequestContext; input: unknown }): Promise<SettlementView> {
  const q = parseInput(ZSettlementQuery, input);
  const target = await statsTarget(ctx, q.municipalityId, "stats:read", { required: true });
  return withTenant(target.ctx, (tx) => loadSettlement(tx, target.municipality!, q.month));
}
