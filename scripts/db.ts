// Database maintenance: `npm run db:migrate` (apply migrations), `npm run db:seed` (demo data, idempotent).
// Uses DATABASE_URL, or the embedded cluster under .data/pg (started for the command and stopped after).
import { applyDevSecrets } from "./lib/dev-secrets";
import { DATA_DIR, migrateAll, resolveDatabase } from "./lib/database";
import { runSeed } from "./lib/run-seed";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage: tsx scripts/db.ts migrate|seed");
  process.exit(2);
}
applyDevSecrets(DATA_DIR);
const { url, embedded } = await resolveDatabase();
try {
  await migrateAll(url);
  if (command === "seed") await runSeed(url);
} finally {
  await embedded?.stop();
}
