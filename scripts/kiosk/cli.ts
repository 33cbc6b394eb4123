// `npm run kiosk -- <conformance|load> --url URL --key-id ID --secret SECRET [options]`
// Scripted conversations with any certificate issuance server, as an issuance centre would hold them.
//   conformance                      every endpoint, error code, signature/replay check and PDF check
//   load --concurrency N --duration T   N concurrent residents for T seconds (defaults 8 and 30)
//   --clock-override ISO             judge requests at this instant (server needs ALLOW_CLOCK_OVERRIDE=true)
// Defaults: --url http://localhost:3000, the demo simulator client (docs/demo-data.md).
import { parseArgs } from "node:util";
import { runConformance } from "./conformance";
import { runLoad } from "./load";
import { getEnv } from "../../server/env";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: getEnv().KIOSK_URL ?? "http://localhost:3000" },
    "key-id": { type: "string", default: getEnv().KIOSK_KEY_ID ?? "demo-simulator" },
    secret: { type: "string", default: getEnv().KIOSK_SECRET ?? "demo-simulator-secret-0123456789abcdef" },
    concurrency: { type: "string", default: "8" },
    duration: { type: "string", default: "30" },
    "clock-override": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const command = positionals[0];
if (values.help || (command !== "conformance" && command !== "load")) {
  console.log("usage: npm run kiosk -- conformance|load --url URL --key-id ID --secret SECRET [--concurrency N --duration SECONDS] [--clock-override ISO]");
  process.exit(values.help ? 0 : 2);
}
const common = { baseUrl: values.url!, keyId: values["key-id"]!, secret: values.secret!, clockOverride: values["clock-override"] };

if (command === "conformance") {
  const r = await runConformance(common);
  process.exit(r.failed ? 1 : 0);
} else {
  const concurrency = Number(values.concurrency);
  const duration = Number(values.duration);
  if (!Number.isInteger(concurrency) || concurrency < 1 || !(duration > 0)) {
    console.error("--concurrency must be a positive integer and --duration a positive number of seconds");
    process.exit(2);
  }
  const r = await runLoad({ ...common, concurrency, durationSeconds: duration });
  process.exit(r.crossDeliveries || r.pdfFailures || Object.keys(r.errors).length ? 1 : 0);
}
