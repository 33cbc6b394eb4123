// Runs the demo seed (prisma/seed.ts) against a database URL with a short-lived Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/generated/prisma/client";
import { createPgPool } from "../../server/db/pg-pool";
import { seedDemoData } from "../../prisma/seed";

export async function runSeed(url: string, log: (s: string) => void = console.log) {
  const db = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, { max: 4 }), { disposeExternalPool: true }) });
  try {
    const result = await seedDemoData(db, log);
    if (!result.created) log("[seed] demo data already present: nothing written");
    return result;
  } finally {
    await db.$disconnect();
  }
}
