// Key rotation: re-encrypt every field envelope whose key id is not FIELD_ENCRYPTION_KEY_ID
// (server/crypto/reencrypt-fields.ts; the procedure is in docs/operations.md, "Key rotation").
//   npm run keys:reencrypt -- [--dry-run] [--batch-size N] [--max-batches N] [--restart]
// --dry-run counts what remains per table, column and key id, and exits 0 only when nothing remains (the
// verification before an old key is removed). Without it the job runs until done; stop it with Ctrl-C at
// any time and start it again: it continues after the last committed batch. Uses DATABASE_URL (as the app
// role), or the embedded cluster under .data/.
import { getDb } from "../server/db";
import { setEnv } from "../server/env";
import { keyringFromEnv } from "../server/crypto/field-encryption";
import { countRemainingEnvelopes, DEFAULT_BATCH_SIZE, reencryptFields } from "../server/crypto/reencrypt-fields";
import { DATA_DIR, prepareDatabase } from "./lib/database";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";

function usage(message?: string): never {
  if (message) console.error(`keys:reencrypt: ${message}`);
  console.error("usage: npm run keys:reencrypt -- [--dry-run] [--batch-size N] [--max-batches N] [--restart]");
  process.exit(2);
}

const positive = (s: string | undefined, flag: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a positive integer`);
  return n;
};

let dryRun = false;
let restart = false;
let batchSize = DEFAULT_BATCH_SIZE;
let maxBatches: number | undefined;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--dry-run") dryRun = true;
  else if (argv[i] === "--restart") restart = true;
  else if (argv[i] === "--batch-size") batchSize = positive(argv[++i], "--batch-size");
  else if (argv[i] === "--max-batches") maxBatches = positive(argv[++i], "--max-batches");
  else usage(`unknown argument ${argv[i]}`);
}

applyDevSecrets(DATA_DIR);
const ring = keyringFromEnv();
const { embedded, appUrl } = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: "run keys:reencrypt", log: (s) => console.error(s) });
setEnv("DATABASE_URL", appUrl); // the job runs as the app role, under row-level security
const abort = new AbortController();
process.once("SIGINT", () => {
  console.error("keys:reencrypt: stopping after the current batch (run again to continue)");
  abort.abort();
});

async function report(): Promise<number> {
  const remaining = await countRemainingEnvelopes(ring);
  if (!remaining.length) {
    console.log(`nothing remains: every envelope is on key ${ring.currentKeyId}`);
    return 0;
  }
  console.log(`remaining envelopes not on key ${ring.currentKeyId}:`);
  for (const r of remaining) console.log(`  ${r.table}.${r.column}  key ${r.keyId}${r.keyKnown ? "" : " (NOT in FIELD_ENCRYPTION_KEYS)"}  ${r.count}`);
  return 1;
}

let code = 0;
try {
  if (dryRun) {
    code = await report();
  } else {
    console.log(`re-encrypting to key ${ring.currentKeyId} in batches of ${batchSize}${restart ? " (ignoring checkpoints)" : ""}`);
    const started = Date.now();
    const r = await reencryptFields({
      ring,
      batchSize,
      maxBatches,
      restart,
      signal: abort.signal,
      onBatch: (p) => console.log(`batch ${p.batches}: ${p.table}.${p.column} ${p.rows} rows (${Object.entries(p.fromKeyIds).map(([k, n]) => `${k}: ${n}`).join(", ")}) scope ${p.scope}`),
    });
    for (const c of r.columns) console.log(`  ${c.table}.${c.column}: ${c.reencrypted}`);
    console.log(`${r.complete ? "done" : "stopped"}: ${r.reencrypted} envelopes in ${r.batches} batches, ${Date.now() - started} ms`);
    code = r.complete ? await report() : 1;
  }
} finally {
  await getDb().$disconnect();
  await embedded?.stop();
}
process.exit(code);
