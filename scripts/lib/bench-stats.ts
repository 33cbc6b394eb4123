// The statistics the benchmark and load scripts print (scripts/bench-*.ts, scripts/kiosk/load.ts, the fault
// harness tests/faults): one definition of a percentile, of a latency summary, of a rate and of the Markdown
// table that docs/benchmarks.md quotes.

/** `n` rounded to `digits` decimals. */
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile of ascending values (p in 0–100): the smallest value with at least p % at or below it; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Count, mean, p50, p95, p99 and max of the values (in any order), each rounded to one decimal. */
export function summarize(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, mean: round(mean), p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN) };
}

/** Events per second, rounded to `digits` decimals. */
export const throughput = (count: number, seconds: number, digits = 2) => round(count / seconds, digits);

/** A Markdown table with right-aligned cells. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padStart(widths[c])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}
