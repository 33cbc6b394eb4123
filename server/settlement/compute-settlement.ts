// Settlement arithmetic, pure (the verb loads the rows): fees collected vs. commission owed per store chain,
// and the kiosk share against counter issuance.

export type RateRow = { storeChain: string | null; amount: number; effectiveFrom: string /* YYYY-MM-DD */ };
export type DailyChainUsage = { day: string; storeChain: string; count: number; copies: number; feeTotal: number };

export type ChainSettlement = {
  storeChain: string;
  count: number;
  copies: number;
  feeTotal: number;
  commission: number;
  /** Commission per copy applied (more than one when a rate changed within the month). */
  rates: number[];
  /** Fees collected minus commission owed. */
  net: number;
};

export type Settlement = {
  chains: ChainSettlement[];
  totals: Omit<ChainSettlement, "storeChain" | "rates">;
  counterCopies: number | null;
  /** Kiosk copies / (kiosk + counter copies), 0–1; null until the counter count of the month is entered. */
  kioskShare: number | null;
};

/**
 * The rate in force on `day` for `chain`: the chain's own latest rate from on or before the day, else the
 * latest default (chain null) rate, else the municipality's flat commission. Commission is owed per printed
 * copy (通): the unit the kiosk operators bill.
 */
export function rateOn(rates: RateRow[], chain: string, day: string, fallback: number): number {
  let own: RateRow | null = null;
  let dflt: RateRow | null = null;
  for (const r of rates) {
    if (r.effectiveFrom > day) continue;
    if (r.storeChain === chain) {
      if (!own || r.effectiveFrom >= own.effectiveFrom) own = r;
    } else if (r.storeChain === null) {
      if (!dflt || r.effectiveFrom >= dflt.effectiveFrom) dflt = r;
    }
  }
  return (own ?? dflt)?.amount ?? fallback;
}

export function computeSettlement(usage: DailyChainUsage[], rates: RateRow[], fallbackRate: number, counterCopies: number | null): Settlement {
  const byChain = new Map<string, ChainSettlement>();
  for (const u of usage) {
    const c = byChain.get(u.storeChain) ?? { storeChain: u.storeChain, count: 0, copies: 0, feeTotal: 0, commission: 0, rates: [], net: 0 };
    const rate = rateOn(rates, u.storeChain, u.day, fallbackRate);
    c.count += u.count;
    c.copies += u.copies;
    c.feeTotal += u.feeTotal;
    c.commission += u.copies * rate;
    if (!c.rates.includes(rate)) c.rates.push(rate);
    byChain.set(u.storeChain, c);
  }
  const chains = [...byChain.values()].map((c) => ({ ...c, rates: c.rates.sort((a, b) => a - b), net: c.feeTotal - c.commission })).sort((a, b) => b.copies - a.copies || a.storeChain.localeCompare(b.storeChain));
  const totals = chains.reduce((t, c) => ({ count: t.count + c.count, copies: t.copies + c.copies, feeTotal: t.feeTotal + c.feeTotal, commission: t.commission + c.commission, net: t.net + c.net }), { count: 0, copies: 0, feeTotal: 0, commission: 0, net: 0 });
  const kioskShare = counterCopies === null || totals.copies + counterCopies === 0 ? null : totals.copies / (totals.copies + counterCopies);
  return { chains, totals, counterCopies, kioskShare };
}
