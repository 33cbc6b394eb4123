// The kiosk API fuzz targets (tests/fuzz/kiosk-targets.ts) over real HTTP against a running server:
//
//   npm start                      # demo mode, in another terminal (http://localhost:3000)
//   npx tsx tests/fuzz/http.ts --base-url http://localhost:3000 --key-id demo-simulator \
//     --secret demo-simulator-secret-0123456789abcdef --runs 10000
//
// Options (or environment): --base-url (FUZZ_BASE_URL), --key-id (FUZZ_KEY_ID), --secret (FUZZ_SECRET),
// --municipality-code (FUZZ_MUNICIPALITY_CODE, default 131121 世田谷区 of the demo seed), --card-serial
// (FUZZ_CARD_SERIAL, default JPKI-131121-000001: its eligibility must answer 200 after each target; "none" skips
// the check), --clock (FUZZ_CLOCK: an X-Clock-Override instant, honoured with ALLOW_CLOCK_OVERRIDE=true),
// --runs (FUZZ_RUNS, default 10,000), --seed (FUZZ_SEED), --only (comma-separated target names).
// Use http://localhost, not 127.0.0.1: the signature covers the target URI the server reconstructs.
// Over HTTP a Content-Length cannot lie (the client library computes it) and bodies are not streamed; the 16 KiB
// request-header cap of Node's HTTP server bounds nonce lengths at 8,000 characters in the targets.
import { parseArgs } from "node:util";
import { runTarget, summaries } from "./fuzz-run";
import { expectHealthy, kioskTargets, takeAnswerCounts, type KioskFuzzSetup } from "./kiosk-targets";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string" },
    "key-id": { type: "string" },
    secret: { type: "string" },
    "municipality-code": { type: "string" },
    "card-serial": { type: "string" },
    clock: { type: "string" },
    runs: { type: "string" },
    seed: { type: "string" },
    only: { type: "string" },
  },
});

const env = process.env;
const baseUrl = (values["base-url"] ?? env.FUZZ_BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const keyId = values["key-id"] ?? env.FUZZ_KEY_ID ?? "demo-simulator";
const secret = values.secret ?? env.FUZZ_SECRET ?? "demo-simulator-secret-0123456789abcdef";
const serial = values["card-serial"] ?? env.FUZZ_CARD_SERIAL ?? "JPKI-131121-000001";
if (values.runs) process.env.FUZZ_RUNS = values.runs;
if (values.seed) process.env.FUZZ_SEED = values.seed;
process.env.FUZZ_RUNS ??= "10000";

const setup: KioskFuzzSetup = {
  baseUrl,
  send: (req) => fetch(req, { redirect: "manual" }),
  client: { keyId, secret },
  municipalityCode: values["municipality-code"] ?? env.FUZZ_MUNICIPALITY_CODE ?? "131121",
  healthyCard: serial === "none" ? undefined : { issuer: "JPKI", serial },
  clockOverride: values.clock ?? env.FUZZ_CLOCK,
  canLieAboutContentLength: false,
};

const targets = kioskTargets(setup);
const only = (values.only ?? "").split(",").filter(Boolean);
const names = (Object.keys(targets) as (keyof typeof targets)[]).filter((n) => !only.length || only.includes(n));

let failed = false;
await expectHealthy(setup);
for (const name of names) {
  try {
    await runTarget(`kiosk-http/${name}`, targets[name]);
    await expectHealthy(setup);
  } catch (e) {
    failed = true;
    console.error(e instanceof Error ? e.message : e);
  }
  console.log(`[fuzz] kiosk-http/${name} answers: ${takeAnswerCounts()}`);
}
console.log("\n| Target | Runs | Failures | Seconds | Seed |\n|---|---|---|---|---|");
for (const s of summaries) console.log(`| ${s.target} | ${s.runs} | ${s.failures} | ${s.seconds.toFixed(1)} | ${s.seed} |`);
process.exit(failed ? 1 : 0);
