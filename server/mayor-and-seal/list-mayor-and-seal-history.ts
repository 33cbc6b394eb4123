import "server-only";
import { z } from "zod";
import { jstDateString } from "@/lib/jst";
import type { RequestContext } from "../context";
import { withTenant } from "../db/tenant";
import { parseInput } from "../parse-input";
import { targetContext } from "../service-config/target-municipality";
import { dayOf } from "./history";

const ZInput = z.object({ municipalityId: z.string().uuid().optional() });

export type HistoryStatus = "in_force" | "scheduled" | "ended";
type Span = { effectiveFrom: string; /** The last day (inclusive) before the next entry; null while open-ended. */ effectiveUntil: string | null; status: HistoryStatus; recordedAt: Date };
export type MayorTermEntry = Span & { id: string; mayorTitle: string; mayorName: string };
export type OfficialSealEntry = Span & { id: string; sha256: string; bytes: number; width: number | null; height: number | null };
export type MayorAndSealHistory = {
  mayors: MayorTermEntry[];
  seals: OfficialSealEntry[];
  /** The mayor certificates print today (the entry in force, or the Municipality columns before any history). */
  printedToday: { mayorTitle: string; mayorName: string };
  today: string;
};

const previousDay = (ymd: string) => new Date(new Date(`${ymd}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);

/** Newest first, each with the day range it is (or was, or will be) printed and whether it is in force `today`. */
function spans<R extends { effectiveFrom: Date }>(rows: R[], today: string): Array<Omit<R, "effectiveFrom"> & Omit<Span, "recordedAt">> {
  const sorted = [...rows].sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
  const inForce = sorted.find((r) => dayOf(r.effectiveFrom) <= today);
  return sorted.map((r, i) => {
    const from = dayOf(r.effectiveFrom);
    const next = i > 0 ? dayOf(sorted[i - 1].effectiveFrom) : null;
    const status: HistoryStatus = r === inForce ? "in_force" : from > today ? "scheduled" : "ended";
    return { ...r, effectiveFrom: from, effectiveUntil: next ? previousDay(next) : null, status };
  });
}

/**
 * The mayor and 公印 history of a municipality (docs/decisions/0015), without image bytes (the thumbnails come
 * from the seal entry route). Every staff role of the municipality reads it; the operator names one.
 */
export async function listMayorAndSealHistory({ ctx, input, now = new Date() }: { ctx: RequestContext; input: unknown; now?: Date }): Promise<MayorAndSealHistory> {
  const v = parseInput(ZInput, input);
  const tctx = await targetContext(ctx, v.municipalityId, "service:read");
  const municipalityId = tctx.municipalityId!;
  const today = jstDateString(now);
  const [mayors, seals, municipality] = await withTenant(tctx, (tx) =>
    Promise.all([
      tx.mayorTerm.findMany({ where: { municipalityId }, select: { id: true, effectiveFrom: true, mayorTitle: true, mayorName: true, recordedAt: true } }),
      tx.officialSeal.findMany({ where: { municipalityId }, select: { id: true, effectiveFrom: true, sha256: true, bytes: true, width: true, height: true, recordedAt: true } }),
      tx.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { mayorTitle: true, mayorName: true } }),
    ]),
  );
  const mayorEntries = spans(mayors, today);
  const inForce = mayorEntries.find((m) => m.status === "in_force");
  const printedToday = inForce ? { mayorTitle: inForce.mayorTitle, mayorName: inForce.mayorName } : municipality;
  return { mayors: mayorEntries, seals: spans(seals, today), printedToday, today };
}
