import "server-only";
import { jstDateString } from "@/lib/jst";
import { ZGetMunicipalSettings } from "@/lib/schemas/municipal-settings";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { pickIssuanceSettings, settingsInForce, type InForce, type IssuanceSettings } from "./issuance-settings-in-force";

export type SettingsVersionDto = IssuanceSettings & { id: string; effectiveFrom: Date; createdAt: Date };
export type ClosureDayDto = { id: string; day: string; reason: string; removable: boolean };
export type CommissionInForceDto = { defaultRate: number; chainRates: Array<{ storeChain: string; amount: number; effectiveFrom: string }> };

export type MunicipalSettingsDto = {
  inForce: InForce;
  /** Changes not yet in force, earliest first (each may be cancelled). */
  scheduled: SettingsVersionDto[];
  /** Changes already in force, latest first (the last 20). */
  history: SettingsVersionDto[];
  operational: { pdfRetentionHours: number; registrationReviewDays: number; yearEndClosure: boolean };
  /** Closure days from 90 days ago on, earliest first. */
  closureDays: ClosureDayDto[];
  commission: CommissionInForceDto;
};

const DAY_MS = 86_400_000;

/** The settings screen: the values in force at `now`, the scheduled changes, closure days and the commission in force. */
export async function getMunicipalSettings({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<MunicipalSettingsDto> {
  const v = parseInput(ZGetMunicipalSettings, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:read");
  const municipalityId = tctx.municipalityId!;
  const today = jstDateString(now);
  return withTenant(tctx, async (tx) => {
    const [m, versions, closures, rates] = await Promise.all([
      tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, omit: { sealImage: true } }),
      tx.issuanceSettingsVersion.findMany({ where: { municipalityId }, orderBy: { effectiveFrom: "asc" } }),
      tx.localClosureDay.findMany({ where: { municipalityId, day: { gte: new Date(Date.parse(`${today}T00:00:00Z`) - 90 * DAY_MS) } }, orderBy: { day: "asc" } }),
      tx.commissionRate.findMany({ where: { municipalityId, effectiveFrom: { lte: new Date(`${today}T00:00:00Z`) } }, orderBy: [{ effectiveFrom: "asc" }, { createdAt: "asc" }] }),
    ]);
    const dto = (r: (typeof versions)[number]): SettingsVersionDto => ({ ...pickIssuanceSettings(r), id: r.id, effectiveFrom: r.effectiveFrom, createdAt: r.createdAt });
    // The latest row of each chain (and of the default) wins, as in the settlement (server/settlement/compute-settlement.ts).
    const latest = new Map<string | null, (typeof rates)[number]>();
    for (const r of rates) latest.set(r.storeChain, r);
    return {
      inForce: settingsInForce(m, versions, now),
      scheduled: versions.filter((r) => r.effectiveFrom > now).map(dto),
      history: versions.filter((r) => r.effectiveFrom <= now).reverse().slice(0, 20).map(dto),
      operational: { pdfRetentionHours: m.pdfRetentionHours, registrationReviewDays: m.registrationReviewDays, yearEndClosure: m.yearEndClosure },
      closureDays: closures.map((c) => {
        const day = c.day.toISOString().slice(0, 10);
        return { id: c.id, day, reason: c.reason, removable: day >= today };
      }),
      commission: {
        defaultRate: latest.get(null)?.amount ?? m.commissionPerIssuance,
        chainRates: [...latest.entries()].filter(([chain]) => chain !== null).map(([chain, r]) => ({ storeChain: chain!, amount: r.amount, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) })),
      },
    };
  });
}
