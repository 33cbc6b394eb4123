import "server-only";
import { jstDateString } from "@/lib/jst";
import type { Tx } from "../db";

/** 発行番号 "<municipality code>-<JST year>-<8 digits>"; the digits come from a sequence (no lock held). */
export async function allocateIssuanceNo(tx: Tx, municipalityCode: string, now: Date): Promise<string> {
  const [n] = await allocateIssuanceNumbers(tx, 1);
  return formatIssuanceNo(municipalityCode, now, n);
}

/**
 * `count` values of the same sequence at once, ascending, for a bulk writer (the demo seed's history): real
 * issuances allocated later never collide with them.
 */
export async function allocateIssuanceNumbers(tx: Tx, count: number): Promise<bigint[]> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('issuance_no_seq') AS n FROM generate_series(1, ${count}::int)`;
  return rows.map((r) => r.n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function formatIssuanceNo(municipalityCode: string, at: Date, n: bigint): string {
  return `${municipalityCode}-${jstDateString(at).slice(0, 4)}-${String(n).padStart(8, "0")}`;
}
