// The topology's proofs (docs/operations.md "Failover, backups and the restore drill"), run by
// `npm run topology -- proofs|all` through nginx with the signed kiosk client, as a centre calls the service:
//   1. the conformance suite passes through nginx;
//   2. load at concurrency 8; one app node is killed (SIGKILL) → requests go on through the other;
//   3. load at concurrency 8; the primary's Patroni and PostgreSQL are killed hard → Patroni promotes the
//      synchronous standby, the apps recover through HAProxy within 30 s without a restart, and every issuance
//      answered before the kill is on the new primary (RPO 0).
// After each load the fault harness's invariants (tests/faults/invariants.ts) are checked: every answered
// issuance recorded once, replays give the same bytes, no certificate names anyone else, audit chains verify.
// Between the two loads, in a quiet moment, the restore drill's target time is taken (tests/topology/drill.ts).
import fs from "node:fs";
import { runConformance } from "../../scripts/kiosk/conformance";
import { paths } from "../../scripts/topology/config";
import { clusterMembers, daemon, isSyncStandby, httpStatus, killTree, loadSecrets, loadState, log, query, recordFigures, saveState, sleep, startApp, topology, waitFor } from "../../scripts/topology/lib";
import { checkInvariants } from "../faults/invariants";
import { CLOCK, checkErrorAnswers, DEMO_CLIENT, loadCrowd, runLoad, summarise, type Attempt, type Person } from "../faults/load";

const BASE = process.env.TOPOLOGY_BASE_URL!;
const OWNER = process.env.TOPOLOGY_SUPERUSER_URL!;
const CONCURRENCY = 8;
const RECOVERY_LIMIT_MS = 30_000;
const t = topology();
const failures: string[] = [];
const fail = (s: string) => {
  failures.push(s);
  log(`FAIL ${s}`);
};

async function invariants(name: string, attempts: Attempt[], crowd: Person[], figures: Record<string, string | number>) {
  const report = await checkInvariants({ baseUrl: BASE, ownerUrl: OWNER, attempts, crowd });
  for (const f of report.failures.slice(0, 20)) fail(`${name}: ${f}`);
  Object.assign(figures, {
    "invariant failures": report.failures.length,
    "retried keys": report.retried,
    "replayed keys": report.replayed,
    "PDFs checked": report.pdfsChecked,
    "audit chains verified": report.chainsVerified,
  });
}

// 1. Conformance through nginx.
{
  const started = Date.now();
  const lines: string[] = [];
  const r = await runConformance({ baseUrl: BASE, keyId: DEMO_CLIENT.keyId, secret: DEMO_CLIENT.secret, log: (s) => lines.push(s) });
  if (r.failed) {
    for (const l of lines.filter((x) => /fail/i.test(x)).slice(0, 20)) log(`  ${l}`);
    fail(`conformance through nginx: ${r.failed} checks failed`);
  }
  recordFigures("conformance through nginx", { passed: r.passed, failed: r.failed, skipped: r.skipped, seconds: Math.round((Date.now() - started) / 1000) });
  log(`conformance: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
}

const crowd = await loadCrowd(BASE);
log(`crowd: ${crowd.length} demo cardholders; requests judged at ${CLOCK}`);

// 2. An app node killed during load.
{
  const name = "app node killed";
  const attempts: Attempt[] = [];
  let stop = false;
  const load = runLoad({ baseUrls: [BASE], crowd, concurrency: CONCURRENCY, stop: () => stop, attempts });
  await sleep(10_000);
  const killedAt = Date.now();
  killTree(loadState().pids.app1, "SIGKILL");
  log(`${name}: SIGKILL app1 (port ${t.apps[0]}) during load`);
  await sleep(12_000);
  stop = true;
  await load;
  // A request on the killed node when it died gets 502 from nginx (a sent POST is not re-sent; see
  // scripts/topology/config.ts), and so may one sent within a second after, on a kept-alive connection of an nginx
  // worker that has not yet seen the node fail. The centre retries it with the same key, as the invariants do.
  const inFlight = (a: Attempt) => a.sentAt <= killedAt + 1000 && a.sentAt + a.ms >= killedAt - 50;
  for (const f of checkErrorAnswers(attempts, (a) => a.status === 502 && inFlight(a))) fail(`${name}: ${f}`);
  const after = attempts.filter((a) => a.sentAt > killedAt + 1000);
  const answeredAfter = after.filter((a) => a.outcome === "answered").length;
  if (!answeredAfter) fail(`${name}: nothing answered after the kill`);
  const figures: Record<string, string | number> = { ...summarise(attempts), "in flight on the killed node": attempts.filter((a) => a.outcome !== "answered" && inFlight(a)).length, "requests after the kill": after.length, "answered after the kill": answeredAfter };
  const restart = Date.now();
  await startApp(t, 0);
  figures["app1 restarted, s"] = Math.round((Date.now() - restart) / 100) / 10;
  await invariants(name, attempts, crowd, figures);
  recordFigures(name, figures);
  log(`${name}: ${JSON.stringify(figures)}`);
}

// The restore drill's target: a quiet moment with every answered issuance committed.
{
  await sleep(3_000);
  const target = new Date();
  // Every issuance there is now (the rows' own times follow the requests' clock override, so the count is taken
  // at the quiet moment instead of by time).
  const [{ n }] = await query<{ n: string }>(OWNER, `SELECT count(*)::text AS n FROM "Issuance"`);
  const s = loadState();
  s.drillTarget = target.toISOString();
  (s as { drillIssuances?: number }).drillIssuances = Number(n);
  saveState(s);
  log(`restore drill target ${target.toISOString()}: ${n} issuances`);
  await sleep(3_000);
}

// 3. The primary killed hard during load.
{
  const name = "primary killed (Patroni + PostgreSQL, SIGKILL)";
  const before = await clusterMembers(t);
  const leader = before.find((m) => m.role === "leader");
  const standby = before.find((m) => isSyncStandby(m));
  if (!leader || !standby) throw new Error(`the cluster is not primary + sync standby: ${JSON.stringify(before)}`);
  const attempts: Attempt[] = [];
  let stop = false;
  // The centre backs off 1 s after a 503 (the fault harness's 200 ms would send ≈ 40 requests a second into the
  // outage, each retried one by one by the invariants afterwards).
  const load = runLoad({ baseUrls: [BASE], crowd, concurrency: CONCURRENCY, stop: () => stop, attempts, backoffMs: 1000 });
  await sleep(10_000);
  const dataDir = paths(t).pgData(leader.name);
  const postmaster = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  const killedAt = Date.now();
  killTree(loadState().pids[`patroni-${leader.name}`], "SIGKILL");
  killTree(postmaster, "SIGKILL");
  log(`${name}: SIGKILL ${leader.name}'s Patroni and PostgreSQL (postmaster ${postmaster} and its backends) during load`);
  // Readiness of an app node, straight to its port, every 250 ms: it must say 503 while the database is gone.
  const readiness: Array<{ at: number; status: number }> = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      readiness.push({ at: Date.now(), status: await httpStatus(`http://127.0.0.1:${t.apps[1]}/api/health/ready`) });
      await sleep(250);
    }
  })();
  const rest = t.pg.find((n) => n.name === standby.name)!.rest;
  await waitFor(`${standby.name} promoted`, 90_000, async () => (await httpStatus(`http://127.0.0.1:${rest}/primary`)) === 200);
  const promotedMs = Date.now() - killedAt;
  log(`${name}: ${standby.name} is primary after ${promotedMs} ms`);
  const recovered = () => attempts.filter((a) => a.outcome === "answered" && a.sentAt > killedAt).map((a) => a.sentAt + a.ms - killedAt);
  await waitFor("an issuance answered after the kill", 60_000, async () => recovered().length > 0).catch(() => undefined);
  await sleep(10_000);
  stop = true;
  polling = false;
  await Promise.all([load, poller]);
  const recoveryMs = Math.min(...recovered());
  const notReady = readiness.filter((r) => r.at > killedAt && r.status === 503);
  const readyAgain = readiness.find((r) => r.at > (notReady.at(-1)?.at ?? Infinity) && r.status === 200);
  if (!notReady.length) fail(`${name}: /api/health/ready never answered 503 while the primary was gone`);
  if (!readyAgain) fail(`${name}: /api/health/ready did not answer 200 again`);
  if (!Number.isFinite(recoveryMs)) fail(`${name}: no issuance was answered after the kill`);
  else if (recoveryMs > RECOVERY_LIMIT_MS) fail(`${name}: the first issuance after the kill was answered after ${recoveryMs} ms (limit ${RECOVERY_LIMIT_MS})`);
  for (const f of checkErrorAnswers(attempts)) fail(`${name}: ${f}`);
  const answeredBefore = attempts.filter((a) => a.outcome === "answered" && a.sentAt + a.ms < killedAt);
  const figures: Record<string, string | number> = {
    ...summarise(attempts),
    "Patroni promotion after the kill, ms": promotedMs,
    "first issuance answered after the kill, ms": Number.isFinite(recoveryMs) ? Math.round(recoveryMs) : "none",
    "answered before the kill": answeredBefore.length,
    "readiness 503 from, ms after the kill": notReady.length ? notReady[0].at - killedAt : "never",
    "readiness 200 again, ms after the kill": readyAgain ? readyAgain.at - killedAt : "never",
  };
  await invariants(name, attempts, crowd, figures);
  // RPO 0: every issuance answered before the kill is on the new primary (the invariants checked every answered
  // one; this counts those of before the kill separately).
  const ids = answeredBefore.map((a) => a.issuanceId!);
  const [{ n }] = await query<{ n: string }>(OWNER, `SELECT count(*)::text AS n FROM "Issuance" WHERE id = ANY($1::uuid[])`, [ids]);
  figures["answered before the kill, on the new primary"] = Number(n);
  // The restore drill checks that none of this load's issuances (all after its target) is restored.
  const st = loadState() as ReturnType<typeof loadState> & { drillLaterIds?: string[] };
  st.drillLaterIds = attempts.filter((a) => a.outcome === "answered").map((a) => a.issuanceId!);
  saveState(st);
  if (Number(n) !== ids.length) fail(`${name}: only ${n} of ${ids.length} issuances answered before the kill are on the new primary`);
  // The old primary comes back as a standby (Patroni rewinds it) and becomes the synchronous standby again.
  const rejoin = Date.now();
  daemon(`patroni-${leader.name}`, "patroni", [paths(t).patroniConf(leader.name)], { user: "postgres" });
  await waitFor(`${leader.name} back as sync standby`, 180_000, async () => (await clusterMembers(t)).some((m) => m.name === leader.name && isSyncStandby(m)));
  figures[`${leader.name} back as sync standby, s`] = Math.round((Date.now() - rejoin) / 1000);
  recordFigures(name, figures);
  log(`${name}: ${JSON.stringify(figures)}`);
}

// 4. Metrics through nginx: the token reads them; a forged X-Forwarded-For naming the one allowed address does not
// (nginx appends the real peer, the one hop TRUSTED_PROXY_HOPS=1 trusts). Straight to an app port the same forged
// header passes — which is why the app ports must be reachable from nginx only — and shows the check can fail.
{
  const name = "metrics and X-Forwarded-For";
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await fetch(url, { headers });
    return { status: res.status, body: await res.text() };
  };
  const forged = { "X-Forwarded-For": "10.9.9.9" };
  const viaNginxForged = await get(`${BASE}/api/metrics`, forged);
  const direct = await get(`http://127.0.0.1:${t.apps[1]}/api/metrics`, forged);
  const token = await get(`${BASE}/api/metrics`, { Authorization: `Bearer ${loadSecrets().metricsToken}` });
  if (viaNginxForged.status !== 401) fail(`${name}: a forged X-Forwarded-For through nginx was answered ${viaNginxForged.status}, not 401`);
  if (direct.status !== 200) fail(`${name}: the allowed address straight to the app was answered ${direct.status}, not 200 (the address rule is not in force)`);
  if (token.status !== 200) fail(`${name}: the metrics token through nginx was answered ${token.status}`);
  const issued = token.body
    .split("\n")
    .filter((l) => l.startsWith("konbini_issuance_duration_seconds_count{") && l.includes('outcome="issued"'))
    .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
  if (!issued) fail(`${name}: no issued-issuance samples in the scraped node's metrics`);
  recordFigures(name, {
    "forged X-Forwarded-For via nginx": viaNginxForged.status,
    "forged X-Forwarded-For straight to an app port": direct.status,
    "token via nginx": token.status,
    "issued issuances counted by the scraped node": issued,
  });
}

if (failures.length) {
  log(`proofs: ${failures.length} failures`);
  process.exit(1);
}
log("proofs: all passed");
process.exit(0);
