import "server-only";

/**
 * The 年度 offered for tax certificates on `today` (JST YYYY-MM-DD), latest first: the new fiscal year
 * appears on the municipality's switch date (MM-DD, typically early June, when 住民税 is assessed);
 * before it, the latest is last year's. `count` years are offered.
 */
export function offeredFiscalYears(switchDate: string, count: number, today: string): number[] {
  const year = Number(today.slice(0, 4));
  const latest = today.slice(5) >= switchDate ? year : year - 1;
  return Array.from({ length: Math.max(1, count) }, (_, i) => latest - i);
}
