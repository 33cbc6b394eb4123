import "server-only";
import type { Tx } from "../db";
import type { CertificateType } from "../generated/prisma/enums";
import { jstDayHour } from "@/lib/jst";

export type PrintedIssuance = {
  municipalityId: string;
  certificateType: CertificateType;
  storeChain: string;
  outOfTown: boolean;
  copies: number;
  feePerCopy: number;
  feeTotal: number;
};

/**
 * Adds one printed issuance to the daily and hourly rollups, inside the completing transaction, so the
 * statistics never drift from the issuances (a rollback undoes both). The JST day and hour of `completedAt`
 * (when the centre reported the print) are the keys, exactly as rebuildUsageRollups recomputes them.
 * One INSERT … ON CONFLICT per rollup: concurrent completions of the same key add up without a lost update.
 */
export async function recordPrintedUsage(tx: Tx, i: PrintedIssuance, completedAt: Date): Promise<void> {
  const { day, hour } = jstDayHour(completedAt);
  await tx.$executeRaw`
    INSERT INTO "UsageDaily" ("municipalityId", "day", "certificateType", "storeChain", "outOfTown", "count", "copies", "feeTotal")
    VALUES (${i.municipalityId}::uuid, ${day}::date, ${i.certificateType}::"CertificateType",
            ${i.storeChain}, ${i.outOfTown}, 1, ${i.copies}, ${i.feeTotal})
    ON CONFLICT ("municipalityId", "day", "certificateType", "storeChain", "outOfTown")
    DO UPDATE SET "count" = "UsageDaily"."count" + 1, "copies" = "UsageDaily"."copies" + EXCLUDED."copies", "feeTotal" = "UsageDaily"."feeTotal" + EXCLUDED."feeTotal"`;
  await tx.$executeRaw`
    INSERT INTO "UsageHourly" ("municipalityId", "day", "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy", "count", "copies", "feeTotal")
    VALUES (${i.municipalityId}::uuid, ${day}::date, ${hour}::smallint, ${i.certificateType}::"CertificateType",
            ${i.storeChain}, ${i.outOfTown}, ${i.feePerCopy}, 1, ${i.copies}, ${i.feeTotal})
    ON CONFLICT ("municipalityId", "day", "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy")
    DO UPDATE SET "count" = "UsageHourly"."count" + 1, "copies" = "UsageHourly"."copies" + EXCLUDED."copies", "feeTotal" = "UsageHourly"."feeTotal" + EXCLUDED."feeTotal"`;
}
