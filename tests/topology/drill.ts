// The restore drill (docs/operations.md "Failover, backups and the restore drill"), run by
// `npm run topology -- drill|all` after the proofs:
//   1. an incremental backup (on whichever node is primary now — after the failover, the other one);
//   2. a point-in-time restore of the pgBackRest repository into a fresh data directory, to the target time the
//      proofs took in a quiet moment (before the primary was killed: the restore follows WAL across the full
//      backup, the first timeline and stops before the failover);
//   3. the restored cluster started on its own port, then verified: the issuance count at the target equals the
//      live cluster's, every audit chain verifies, and the encrypted fields decrypt with the key set kept apart
//      from the backups (<dir>/secrets here; the operator's secret store in production). A key set that is not
//      the right one must fail to decrypt — the check is shown able to fail.
import fs from "node:fs";
import path from "node:path";
import { verifyAuditChain } from "../../server/audit/verify-audit-chain";
import { decryptField, FieldContext } from "../../server/crypto/field-encryption";
import { parseKeyring } from "../../server/crypto/keyring";
import { createDb } from "../../server/db";
import { paths } from "../../scripts/topology/config";
import { asPostgres, DIR, loadSecrets, loadState, log, pgbackrest, query, recordFigures, recordPid, sh, topology, waitFor } from "../../scripts/topology/lib";

const PORT = 5440;
const t = topology();
const failures: string[] = [];
const fail = (s: string) => {
  failures.push(s);
  log(`FAIL ${s}`);
};
const state = loadState() as ReturnType<typeof loadState> & { drillIssuances?: number; drillLaterIds?: string[] };
if (!state.drillTarget) throw new Error("no drill target: run the proofs first");
const target = new Date(state.drillTarget);
const figures: Record<string, string | number> = { "target time": state.drillTarget };

// 1. Incremental backup.
let started = Date.now();
pgbackrest(["--type=incr", "backup"]);
figures["incremental backup s"] = Math.round((Date.now() - started) / 100) / 10;
const info = JSON.parse(pgbackrest(["--output=json", "info"])) as Array<{ backup: Array<{ type: string }>; archive: Array<{ min: string; max: string }> }>;
figures["backups in the repository"] = info[0].backup.map((b) => b.type).join(", ");
figures["WAL archived"] = `${info[0].archive[0]?.min} … ${info[0].archive.at(-1)?.max}`;

// 2. Point-in-time restore into a fresh directory.
const dataDir = path.join(DIR, "pg", "drill");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { mode: 0o700 });
sh("chown", ["postgres:postgres", dataDir]);
// pgBackRest hands the time to recovery_target_time: an ISO instant with its offset.
const targetText = target.toISOString().replace("T", " ").replace("Z", "+00");
started = Date.now();
pgbackrest([`--pg1-path=${dataDir}`, "--type=time", `--target=${targetText}`, "--target-action=promote", "--archive-mode=off", "--delta", "restore"]);
figures["restore s"] = Math.round((Date.now() - started) / 100) / 10;

// 3. Start it. The files are the old primary's: Patroni's postgresql.conf points hba_file and ident_file at that
// node's directory and names a synchronous standby that will never connect; both are overridden.
started = Date.now();
const options = [
  `-p ${PORT}`,
  "-c listen_addresses=127.0.0.1",
  "-c synchronous_standby_names=''",
  `-c hba_file=${dataDir}/pg_hba.conf`,
  `-c ident_file=${dataDir}/pg_ident.conf`,
  "-c cluster_name=konbini-drill",
].join(" ");
asPostgres([`${"/usr/lib/postgresql/15/bin"}/pg_ctl`, "-D", dataDir, "-l", path.join(paths(t).logs, "drill-pg.log"), "-w", "-t", "300", "-o", options, "start"]);
recordPid("drill-pg", Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]));
const url = `postgres://postgres:${encodeURIComponent(t.secrets.superuser)}@127.0.0.1:${PORT}/konbini`;
await waitFor("the restored cluster promoted", 300_000, async () => (await query<{ r: boolean }>(url, "SELECT NOT pg_is_in_recovery() AS r"))[0]?.r);
figures["recovery to the target and promotion s"] = Math.round((Date.now() - started) / 100) / 10;

try {
  // The issuances at the target time: exactly the live cluster's count then, none of the later load's.
  const [{ total }] = await query<{ total: string }>(url, `SELECT count(*)::text AS total FROM "Issuance"`);
  figures["issuances at the target (restored / live then)"] = `${total} / ${state.drillIssuances}`;
  if (Number(total) !== state.drillIssuances) fail(`the restored cluster has ${total} issuances, the live one had ${state.drillIssuances} at the target`);
  const later = state.drillLaterIds ?? [];
  const [{ restoredLater }] = await query<{ restoredLater: string }>(url, `SELECT count(*)::text AS "restoredLater" FROM "Issuance" WHERE id = ANY($1::uuid[])`, [later]);
  const [{ live }] = await query<{ live: string }>(`postgres://postgres:${encodeURIComponent(t.secrets.superuser)}@127.0.0.1:${t.haproxyPort}/konbini`, `SELECT count(*)::text AS live FROM "Issuance"`);
  figures["issuances on the live cluster now"] = Number(live);
  figures["issuances of after the target restored"] = `${restoredLater} of ${later.length}`;
  if (!later.length) fail("no issuances of after the target to check against");
  if (Number(restoredLater) !== 0) fail(`${restoredLater} issuances of after the target are in the restored cluster`);

  // Every audit chain verifies.
  const chains = await query<{ chain: string; n: string }>(url, `SELECT chain, count(*)::text AS n FROM "AuditEvent" GROUP BY chain`);
  const prisma = createDb(url, 2);
  let events = 0;
  try {
    for (const { chain, n } of chains) {
      const v = await verifyAuditChain(prisma, chain);
      events += Number(n);
      if (!v.ok) fail(`audit chain ${chain} broken at ${v.brokenAtSeq} (${v.reason})`);
    }
  } finally {
    await prisma.$disconnect();
  }
  figures["audit chains verified"] = chains.length;
  figures["audit events"] = events;
  if (!chains.length) fail("the restored cluster has no audit events");

  // The encrypted fields decrypt with the key set kept apart from the backups, and not with another one.
  const secrets = loadSecrets();
  const ring = parseKeyring(secrets.fieldKeys, secrets.fieldKeyId);
  const wrong = parseKeyring(`${secrets.fieldKeyId}:${Buffer.alloc(32, 7).toString("base64")}`, secrets.fieldKeyId);
  const fields = [
    { sql: `SELECT "myNumberCipher" AS c FROM "Resident" WHERE "myNumberCipher" IS NOT NULL`, context: FieldContext.myNumber, name: "Resident.myNumber" },
    { sql: `SELECT "detailsCipher" AS c FROM "SupportMeasure"`, context: FieldContext.supportMeasure, name: "SupportMeasure.details" },
    { sql: `SELECT "secretCipher" AS c FROM "ApiClient"`, context: FieldContext.apiClientSecret, name: "ApiClient.secret" },
  ];
  for (const f of fields) {
    const rows = await query<{ c: string }>(url, f.sql);
    let ok = 0;
    for (const r of rows) {
      try {
        decryptField(r.c, f.context, ring);
        ok++;
      } catch {
        /* counted below */
      }
    }
    figures[`${f.name} decrypted`] = `${ok} / ${rows.length}`;
    if (!rows.length || ok !== rows.length) fail(`${f.name}: ${ok} of ${rows.length} envelopes decrypt with the kept keys`);
    let wrongOk = 0;
    for (const r of rows.slice(0, 20)) {
      try {
        decryptField(r.c, f.context, wrong);
        wrongOk++;
      } catch {
        /* expected */
      }
    }
    if (wrongOk) fail(`${f.name}: ${wrongOk} envelopes decrypted with a wrong key — the check cannot fail`);
  }
} finally {
  asPostgres([`/usr/lib/postgresql/15/bin/pg_ctl`, "-D", dataDir, "-m", "fast", "-w", "stop"]);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

recordFigures("restore drill (point in time)", figures);
log(`drill: ${JSON.stringify(figures)}`);
if (failures.length) {
  log(`drill: ${failures.length} failures`);
  process.exit(1);
}
log("drill: passed");
process.exit(0);
