// Database maintenance: `npm run db:migrate` (apply migrations), `npm run db:seed` (demo data, idempotent).
// Uses DATABASE_URL, or the embedded cluster under .data/pg (started for the command and stopped after).
// The demo seed runs only in demo mode (server/startup/run-mode.ts): never into an external database.
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { DATA_DIR, prepareDatabase } from "./lib/database";
import { runSeed } from "./lib/run-seed";
import { resolveRunMode, RunModeError } from "../server/startup/run-mode";
import { rawEnv, setEnv } from "../server/env";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage: tsx scripts/db.ts migrate|seed");
  process.exit(2);
}
if (command === "seed") {
  try {
    const mode = resolveRunMode(rawEnv());
    if (!mode.demo) throw new RunModeError(`demo data is written only in demo mode, and this is production mode (${mode.why})`);
  } catch (e) {
    if (!(e instanceof RunModeError)) throw e;
    console.error(`[db] ${e.message}`);
    process.exit(2);
  }
}
applyDevSecrets(DATA_DIR);
const { ownerUrl, appUrl, embedded } = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: `run db:${command}` });
try {
  // The seed's issuance history builds the statistics and reports as the app's role, like the server.
  setEnv("DATABASE_URL", appUrl);
  if (command === "seed") await runSeed(ownerUrl);
} finally {
  await embedded?.stop();
}
