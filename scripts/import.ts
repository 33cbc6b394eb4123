// Back-office import from the command line (docs/import-formats.md):
//
//   npm run import -- --municipality 131016 --feed residents [--mode full|delta] [--format csv|jsonl]
//                     [--encoding utf-8|shift_jis] [--confirm-removals] [--json] FILE
//
// The same engine as the portal and the API (server/imports/run-import.ts): all or nothing, recorded as an
// import job (source "cli") with one audit event. --mode defaults to full (delta for the changes feed);
// --format follows the file extension (.jsonl / .ndjson → jsonl). Uses DATABASE_URL, or the embedded cluster
// under .data/pg: the running `npm start`'s cluster when one runs (.data/run.json), else one started for the command.
// If npm (or whatever launched the command) is killed, the import stops at once and nothing of it is committed
// (scripts/lib/lifeline.ts); its job is then marked interrupted by the server. Exit code 0 when imported, 1 when refused, 2 on usage errors.
// --confirm-removals: a full load that would remove more than the municipality's share (default 5 %) of the
// feed's rows is refused without it (removal_share_exceeded, the counts printed); with it, it is imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatImportError, IMPORT_FEEDS, normalizeFeedName } from "../lib/import-feeds";
import { systemContext } from "../server/context";
import { getDb } from "../server/db";
import { withSystemScope } from "../server/db/tenant";
import { runImport, type ImportProgress } from "../server/imports/run-import";
import { DATA_DIR, prepareDatabase } from "./lib/database";
import { appDatabasePassword, applyDevSecrets } from "./lib/dev-secrets";
import { watchLaunchChain } from "./lib/lifeline";
import { setEnv } from "../server/env";

type Options = { municipality: string; feed: string; mode: string | null; format: string | null; encoding: string; json: boolean; confirmRemovals: boolean; file: string };

function usage(message?: string): never {
  if (message) console.error(`import: ${message}`);
  console.error(`usage: npm run import -- --municipality CODE --feed ${IMPORT_FEEDS.join("|")} [--mode full|delta] [--format csv|jsonl] [--encoding utf-8|shift_jis] [--confirm-removals] [--json] FILE`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Partial<Options> & { json: boolean; encoding: string } = { json: false, confirmRemovals: false, encoding: "utf-8", mode: null, format: null };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) usage(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case "--municipality":
        o.municipality = value();
        break;
      case "--feed":
        o.feed = normalizeFeedName(value());
        break;
      case "--mode":
        o.mode = value();
        break;
      case "--format":
        o.format = value();
        break;
      case "--encoding":
        o.encoding = value();
        break;
      case "--json":
        o.json = true;
        break;
      case "--confirm-removals":
        o.confirmRemovals = true;
        break;
      default:
        if (a.startsWith("--")) usage(`unknown option ${a}`);
        files.push(a);
    }
  }
  if (!o.municipality || !/^\d{6}$/.test(o.municipality)) usage("--municipality takes the 6-digit 団体コード");
  if (!o.feed) usage("--feed is required");
  if (files.length !== 1) usage("give exactly one FILE");
  return { ...(o as Options), file: files[0] };
}

const opts = parseArgs(process.argv.slice(2));
if (!fs.existsSync(opts.file)) usage(`no such file: ${opts.file}`);
const mode = opts.mode ?? (opts.feed === "changes" ? "delta" : "full");
const format = opts.format ?? (/\.(jsonl|ndjson)$/i.test(opts.file) ? "jsonl" : "csv");

applyDevSecrets(DATA_DIR);
const { embedded, appUrl } = await prepareDatabase(appDatabasePassword(DATA_DIR), { command: "run import", log: (s) => console.error(s) });
setEnv("DATABASE_URL", appUrl); // the import runs as the app role, confined to the municipality by RLS
// kill -9 of npm must not leave this process importing (and committing) with nobody watching it.
watchLaunchChain((who) => {
  console.error(`[import] ${who.name} (pid ${who.pid}), which started the import, has gone: stopping; nothing of this file is committed`);
  void (async () => {
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  })();
});
let exitCode = 1;
try {
  const municipality = await withSystemScope("cli-import", (tx) => tx.municipality.findUnique({ where: { code: opts.municipality }, select: { id: true, name: true } }));
  if (!municipality) {
    console.error(`import: no municipality with code ${opts.municipality} is served here`);
    exitCode = 2;
  } else {
    const size = fs.statSync(opts.file).size;
    console.error(`[import] ${municipality.name} (${opts.municipality}) ← ${opts.file} (${(size / 1024 / 1024).toFixed(1)} MB) feed=${opts.feed} mode=${mode} format=${format} encoding=${opts.encoding}`);
    let lastReport = 0;
    const onProgress = (p: ImportProgress) => {
      const now = Date.now();
      if (p.phase === "reading" && now - lastReport < 1000) return;
      lastReport = now;
      const pct = size ? Math.min(100, Math.round((p.bytesRead / size) * 100)) : 100;
      console.error(`[import] ${p.phase} ${p.rowsRead.toLocaleString()} rows (${pct}%)`);
    };
    const result = await runImport({
      ctx: systemContext(`cli:${os.userInfo().username}`, municipality.id),
      municipalityId: municipality.id,
      feed: opts.feed,
      mode,
      format,
      encoding: opts.encoding,
      source: "cli",
      input: fs.createReadStream(opts.file, { highWaterMark: 256 * 1024 }),
      fileName: path.basename(opts.file),
      confirmRemovals: opts.confirmRemovals,
      onProgress,
    });
    if (opts.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`job ${result.jobId}: ${result.status === "succeeded" ? "取込完了" : "取込失敗（何も取り込んでいません）"}`);
      console.log(`  行数 ${result.rowsTotal} / 追加 ${result.rowsInserted} / 更新 ${result.rowsUpdated} / 削除 ${result.rowsRemoved}`);
      for (const e of result.errors) console.log(`  ${formatImportError(e)}`);
    }
    exitCode = result.status === "succeeded" ? 0 : 1;
  }
} catch (e) {
  console.error(`import: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 1;
} finally {
  await getDb().$disconnect();
  await embedded?.stop();
}
process.exit(exitCode);
