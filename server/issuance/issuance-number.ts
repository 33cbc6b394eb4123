import "server-only";
import { jstDateString } from "@/lib/jst";
import type { Tx } from "../db";

/** 発行番号 "<municipality code>-<JST year>-<8 digits>"; the digits come from a sequence (no lock held). */
export async function allocateIssuanceNo(tx: Tx, municipalityCode: string, now: Date): Promise<string> {
  const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('issuance_no_seq') AS n`;
  return `${municipalityCode}-${jstDateString(now).slice(0, 4)}-${String(n).padStart(8, "0")}`;
}
