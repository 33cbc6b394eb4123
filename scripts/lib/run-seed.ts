// Runs the demo seed (prisma/seed.ts) against a database URL with a short-lived Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/generated/prisma/client";
import { createPgPool } from "../../server/db/pg-pool";
import { seedDemoData } from "../../prisma/seed";

export async function runSeed(url: string, log: (s: string) => void = console.log) {
  const db = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, { max: 4 }), { disposeExternalPool: true }) });
  try {
    const started = Date.now();
    const result = await seedDemoData(db, log);
    log(
      result.created
        ? `[seed] demo data loaded in ${Date.now() - started} ms: ${result.municipalities} municipalities, ${result.households} households, ${result.residents} residents, ${result.staff} staff`
        : "[seed] demo data already present: nothing written",
    );
    return result;
  } finally {
    await db.$disconnect();
  }
}
