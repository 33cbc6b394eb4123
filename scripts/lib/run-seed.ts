// Runs the demo seed (prisma/seed.ts) against a database URL with a short-lived Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/generated/prisma/client";
import { createPgPool } from "../../server/db/pg-pool";
import { seedDemoData } from "../../prisma/seed";

export async function runSeed(url: string, log: (s: string) => void = console.log) {
  const db = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, { max: 4 }), { disposeExternalPool: true }) });
  try {
    const result = await seedDemoData(db, log, { now: seedDay(process.env.DEMO_SEED_DAY) });
    if (!result.created) log("[seed] demo data already present: nothing written");
    return result;
  } finally {
    await db.$disconnect();
  }
}

/**
 * The day the demo data is generated for (card validity, 転入 dates, review deadlines are relative to it):
 * today unless DEMO_SEED_DAY=YYYY-MM-DD says otherwise. The e2e server sets it to the day its tests judge
 * requests at (X-Clock-Override), so the demo data and the tests' clock agree on any day the suite runs.
 */
export function seedDay(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`DEMO_SEED_DAY must be YYYY-MM-DD, got "${value}"`);
  return new Date(`${value}T12:00:00+09:00`);
}
