// Repair: recompute the daily and hourly usage rollups of a JST month from the issuances.
//   npm run stats:rebuild -- --month 2026-11 [--municipality CODE]
// Without --municipality every municipality's month is rebuilt (one transaction). Uses DATABASE_URL, or the
// embedded cluster under .data/ (stop `npm start` first: the cluster has one owner process).
import { MONTH_RE } from "../lib/months";
import { systemContext } from "../server/context";
import { getDb } from "../server/db";
import { withTenant } from "../server/db/tenant";
import { rebuildUsageRollups } from "../server/stats/rebuild-usage-rollups";
import { DATA_DIR, prepareDatabase } from "./lib/database";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { setEnv } from "../server/env";

function usage(message?: string): never {
  if (message) console.error(`stats:rebuild: ${message}`);
  console.error("usage: npm run stats:rebuild -- --month YYYY-MM [--municipality CODE]");
  process.exit(2);
}

let month: string | null = null;
let code: string | null = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--month") month = argv[++i] ?? null;
  else if (argv[i] === "--municipality") code = argv[++i] ?? null;
  else usage(`unknown argument ${argv[i]}`);
}
if (!month || !MONTH_RE.test(month)) usage("--month YYYY-MM is required");

applyDevSecrets(DATA_DIR);
const { embedded, appUrl } = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: "run stats:rebuild", log: (s) => console.error(s) });
setEnv("DATABASE_URL", appUrl); // the rebuild runs as the app role, in the system scope
try {
  let municipalityId: string | null = null;
  if (code) {
    const m = await withTenant(systemContext("stats-rebuild"), (tx) => tx.municipality.findUnique({ where: { code }, select: { id: true } }));
    if (!m) usage(`no municipality with code ${code}`);
    municipalityId = m.id;
  }
  const started = Date.now();
  const r = await rebuildUsageRollups({ ctx: systemContext("stats-rebuild", municipalityId), input: { month } });
  console.log(`rebuilt ${r.month}${code ? ` for ${code}` : " for every municipality"}: ${r.hourlyRows} hourly and ${r.dailyRows} daily rows in ${Date.now() - started} ms`);
} finally {
  await getDb().$disconnect();
  await embedded?.stop();
}
