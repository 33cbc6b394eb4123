// Runs the demo seed (prisma/seed.ts) against a database URL with a short-lived Prisma client. The seed's
// issuance history derives the statistics and monthly reports through the server's own code as the app's role
// (DATABASE_URL, set by the caller; the reports' PDFs in the PDF worker pool, closed at the end), and that code
// imports "server-only": resolve it to an empty module in this command-line process, as the CLIs do with --import ./scripts/lib/register-server-only.mjs. The seed loads
// those modules with a dynamic import, after this registration.
import { register } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/generated/prisma/client";
import { createPgPool } from "../../server/db/pg-pool";
import { seedDemoData } from "../../prisma/seed";

register("./server-only-hooks.mjs", import.meta.url);

export async function runSeed(url: string, log: (s: string) => void = console.log) {
  const db = new PrismaClient({ adapter: new PrismaPg(createPgPool(url, { max: 4 }), { disposeExternalPool: true }) });
  try {
    const result = await seedDemoData(db, log);
    if (!result.created) log("[seed] demo data already present: nothing written");
    return result;
  } finally {
    await db.$disconnect();
    // The app-role client the history's statistics and reports used (server/db.ts), if they ran.
    const { getDb } = await import("../../server/db");
    await getDb().$disconnect();
    // The PDF worker threads that drew the history's monthly reports.
    const { closeRenderPool } = await import("../../server/pdf/render-pool");
    await closeRenderPool();
  }
}
