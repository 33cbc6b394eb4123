// The production topology on one machine, from Debian's packages (docs/operations.md "Topology"):
//
//   etcd ×3 ─ Patroni ×2 (PostgreSQL 15 primary + synchronous standby, pgBackRest archiving) ─ HAProxy (REST /primary)
//        ─ two `next start` app nodes (konbini_app) ─ nginx (TLS, local CA) ─ the signed kiosk client
//
//   npm run topology -- all        up → proofs → restore drill → figures → down (what `npm test` runs)
//   npm run topology -- up         bring it up and leave it running (then: proofs, drill, down)
//   npm run topology -- proofs     conformance + load + kill an app node + kill the primary (needs `up`)
//   npm run topology -- drill      incremental backup, point-in-time restore into a fresh cluster, verification
//   npm run topology -- down       stop everything and remove the directory (--keep leaves the files)
//   options: --dir DIR (default /var/tmp/konbini-topology)   --keep
//
// Runs as root (it installs packages and runs PostgreSQL as `postgres`). Ports: etcd 2379/2380, 22379/22380,
// 32379/32380; PostgreSQL 5433/5434, Patroni REST 8008/8009; HAProxy 5000; apps 3801/3802; nginx 8443; the
// restore drill 5440. The app nodes run with KONBINI_DEMO=1 and ALLOW_CLOCK_OVERRIDE=true for the proofs only: the
// demo data and the demo kiosk client are what the conformance suite checks, and the clock override keeps the
// requests inside the national service hours (06:30–23:00 JST) whatever time the run starts. Everything else is
// the production configuration (docs/operations.md lists the difference).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { paths } from "./config";
import { DIR, down, loadState, ROOT, seed, topology, up, urls } from "./lib";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dir: { type: "string" }, keep: { type: "boolean", default: false } },
});
const command = positionals[0] ?? "all";
if (command !== "seed" && process.getuid?.() !== 0) {
  console.error("[topology] must run as root: it installs Debian packages, and runs etcd, PostgreSQL (as postgres), HAProxy and nginx");
  process.exit(1);
}

// ───────────────────────────── main ─────────────────────────────

function runChild(sub: string, extraEnv: Record<string, string> = {}) {
  execFileSync(process.execPath, ["--import", "./scripts/lib/register-server-only.mjs", "--import", "tsx", `tests/topology/${sub}.ts`, "--dir", DIR], {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

function printFigures() {
  const s = loadState();
  console.log("\n[topology] figures");
  for (const [section, figures] of Object.entries(s.figures)) {
    console.log(`  ${section}`);
    for (const [k, v] of Object.entries(figures)) console.log(`    ${k.padEnd(48)} ${v}`);
  }
  fs.writeFileSync(path.join(ROOT, ".data", "topology-figures.json"), JSON.stringify(s.figures, null, 2));
}

const ca = () => path.join(paths(topology()).tls, "ca.pem");
const childEnv = () => {
  const t = topology();
  return { NODE_EXTRA_CA_CERTS: ca(), TOPOLOGY_SUPERUSER_URL: urls(t).superuser, TOPOLOGY_BASE_URL: `https://localhost:${t.httpsPort}` };
};

if (command === "up") await up();
else if (command === "seed") await seed();
else if (command === "down") await down(!values.keep);
else if (command === "proofs") runChild("proofs", childEnv());
else if (command === "drill") runChild("drill", childEnv());
else if (command === "all") {
  let failed = false;
  try {
    await up();
    try {
      runChild("proofs", childEnv());
    } finally {
      // The drill runs even when a proof failed, as long as the proofs took its target time.
      if (loadState().drillTarget) runChild("drill", childEnv());
    }
  } catch (e) {
    failed = true;
    console.error(`[topology] FAILED: ${e instanceof Error ? e.message : String(e)}`);
    for (const f of ["patroni-n1", "patroni-n2", "app1", "app2", "nginx-error"]) {
      const file = path.join(DIR, "log", `${f}.log`);
      if (fs.existsSync(file)) console.error(`── ${f}.log (tail)\n${fs.readFileSync(file, "utf8").split("\n").slice(-15).join("\n")}`);
    }
  } finally {
    fs.mkdirSync(path.join(ROOT, ".data"), { recursive: true });
    if (fs.existsSync(path.join(DIR, "state.json"))) printFigures();
    await down(!values.keep);
  }
  process.exit(failed ? 1 : 0);
} else {
  console.error("usage: npm run topology -- all|up|proofs|drill|down [--dir DIR] [--keep]");
  process.exit(2);
}
